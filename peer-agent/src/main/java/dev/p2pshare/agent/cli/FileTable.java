package dev.p2pshare.agent.cli;

import java.io.PrintWriter;

import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileSummary;

/** The swarm's files as the menu and {@code p2p-share ls} print them. */
final class FileTable {

	private FileTable() {
	}

	static void print(FileList files, PrintWriter out) {
		out.printf("%d file(s) in the swarm%n", files.count());
		out.printf("%-32s %12s %8s %9s %8s%n", "NAME", "SIZE", "CHUNKS", "COMPLETE", "PARTIAL");
		for (FileSummary file : files.files()) {
			out.printf("%-32s %12s %8d %9d %8d%n", file.name(), ProgressBar.bytes(file.size()), file.chunkCount(),
					file.completeSources(), file.partialSources());
		}
		out.flush();
	}

}
