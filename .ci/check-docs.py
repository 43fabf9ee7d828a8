#!/usr/bin/env python3
"""Runs the tracker walk-through of docs/api.md against a fresh tracker, as a reader would.

Every fenced bash block of the section "The tracker, step by step" runs, in order, in one bash
session (so LEECH_SECRET carries over), against a tracker started from the built jar on a free
loopback port with an empty H2 database. The block after each command is its answer: a json block
must have the same shape (the same keys, recursively; values may differ), a text block must be
equal. With --write, the answers the tracker gave replace the committed ones.
Usage: .ci/check-docs.py [--write]
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "api.md")
JAR = os.path.join(ROOT, "tracker-service", "target", "tracker-service.jar")
START, END = "## The tracker, step by step", "### Limits on what arrives"
BLOCK = re.compile(r"```(bash|json|text)\n(.*?)```\n", re.S)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_tracker(port, data):
    log = open(os.path.join(data, "tracker.log"), "w")
    tracker = subprocess.Popen(["java", "-Xmx256m", "-jar", JAR, f"--server.port={port}",
                                f"--spring.datasource.url=jdbc:h2:file:{data}/db"],
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if tracker.poll() is not None:
            sys.exit(f"check-docs: the tracker exited; see {data}/tracker.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/health/readiness", timeout=2):
                return tracker
        except OSError:
            time.sleep(0.5)
    tracker.kill()
    sys.exit("check-docs: the tracker did not get ready in 120 s")


def shape(value):
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def mismatch(kind, answer, expected):
    """Why an answer is not the one the doc shows, or None when it is."""
    if kind == "text":
        return None if answer == expected else f"answered {answer!r}, the doc shows {expected!r}"
    try:
        if shape(json.loads(answer)) == shape(json.loads(expected)):
            return None
        return f"answered {answer}, whose shape differs from the doc's {expected}"
    except ValueError as ex:
        return f"{ex}: answered {answer!r}, the doc shows {expected!r}"


def main():
    write = "--write" in sys.argv[1:]
    text = open(DOC, encoding="utf-8").read()
    begin, end = text.index(START), text.index(END)
    section = text[begin:end]
    blocks = list(BLOCK.finditer(section))
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        tracker = start_tracker(port, data)
        shell = subprocess.Popen(["bash"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        failures, replaced, passed = [], {}, 0
        try:
            for i, block in enumerate(blocks):
                if block.group(1) != "bash":
                    continue
                command = block.group(2).replace("localhost:8080", f"localhost:{port}")
                marker = f"__check_docs_{i}__"
                shell.stdin.write(command + f"\necho; echo {marker}\n")
                shell.stdin.flush()
                lines = []
                for line in shell.stdout:
                    if line.strip() == marker:
                        break
                    lines.append(line)
                answer = "".join(lines).strip()
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                if following is None or following.group(1) == "bash":
                    if answer:
                        failures.append(f"block {i}: printed {answer!r} where the doc shows nothing")
                    continue
                expected = following.group(2).strip()
                replaced[following.span(2)] = answer + "\n"
                if write:
                    continue
                problem = mismatch(following.group(1), answer, expected)
                if problem:
                    failures.append(f"block {i}: {problem}")
                else:
                    passed += 1
        finally:
            shell.stdin.close()
            shell.wait()
            tracker.terminate()
            tracker.wait(30)
    if write:
        for (start, stop) in sorted(replaced, reverse=True):
            section = section[:start] + replaced[(start, stop)] + section[stop:]
        open(DOC, "w", encoding="utf-8").write(text[:begin] + section + text[end:])
        print(f"check-docs: wrote {len(replaced)} answers into {DOC}")
        return
    for failure in failures:
        print("check-docs: " + failure, file=sys.stderr)
    print(f"check-docs: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
