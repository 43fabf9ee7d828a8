package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/README.md's tables, written from the CSV files of the committed runs, so that no
 * number in it is copied by hand: {@code results/results.csv} (the last full run) and
 * {@code results/soak-50-leeches.csv} (the last soak run) and {@code results/network.csv}
 * (the last run on an emulated network, {@code --net=namespaces}), each with the line of
 * its {@code .txt} beside it that says when, where and by which command it ran.
 */
final class ResultsTables {

	static final String BEGIN = "<!-- tables generated from bench/results by ResultsTables: begin -->";

	static final String END = "<!-- tables generated from bench/results by ResultsTables: end -->";

	/** The columns of the swarm tables: one row per swarm. */
	private static final Map<String, List<String>> COLUMNS = Map.of("swarm-capped",
			List.of("distribution time", "bound max(F/Us, NF/(Us+N*Ul))", "measured / bound", "first leech done",
					"share of chunks from the seed", "FILE_LOCATIONS answered by the tracker",
					"CHUNK_REGISTER answered by the tracker"),
			"swarm-network",
			List.of("distribution time", "bound max(F/Us, NF/(Us+N*Ul))", "measured / bound", "first leech done",
					"share of chunks from the seed", "machine CPU busy (all cores)", "leech CPU per MiB downloaded"),
			"swarm-uncapped", List.of("distribution time", "delivered to all leeches", "share of chunks from the seed",
					"seed CPU per MiB it uploaded", "leech CPU per MiB downloaded"));

	private static final Map<String, String> TITLES = Map.of("swarm-capped", "1. Swarms, every upload capped",
			"swarm-uncapped", "2. The same swarms, no cap", "single-transfer", "3. One seed to one leech", "memory",
			"5. Memory", "tracker-load", "4. The tracker under load", "swarm-load",
			"6. Soak: 50 leeches and a stream of tracker traffic", "swarm-network",
			"7. Swarms on an emulated network: every host in its own namespace, its upload capped by the kernel");

	private ResultsTables() {
	}

	/** Rewrites the generated part of {@code bench/README.md} under {@code root}. */
	public static void main(String[] args) throws IOException {
		Path root = Path.of(args.length > 0 ? args[0] : ".");
		rewrite(root.resolve("bench/README.md"), root.resolve("bench/results"));
		System.out.println("Rewrote the tables of " + root.resolve("bench/README.md"));
	}

	static void rewrite(Path readme, Path results) throws IOException {
		String text = Files.readString(readme, StandardCharsets.UTF_8);
		Files.writeString(readme, withTables(text, render(results)), StandardCharsets.UTF_8);
	}

	/** The README with its generated part replaced by {@code tables}. */
	static String withTables(String readme, String tables) {
		int begin = readme.indexOf(BEGIN);
		int end = readme.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException("bench/README.md lacks the lines " + BEGIN + " and " + END);
		}
		return readme.substring(0, begin + BEGIN.length()) + "\n" + tables + readme.substring(end);
	}

	static String render(Path results) throws IOException {
		StringBuilder out = new StringBuilder();
		for (String run : List.of("results", "soak-50-leeches", "network")) {
			Path csv = results.resolve(run + ".csv");
			if (run.equals("network") && !Files.exists(csv)) {
				continue;
			}
			String about = Files.readString(results.resolve(run + ".txt"), StandardCharsets.UTF_8).strip();
			Map<String, Map<String, List<String[]>>> benchmarks = read(csv);
			out.append("\n").append(about).append("\n");
			benchmarks.forEach((benchmark, groups) -> {
				out.append("\n### ").append(TITLES.getOrDefault(benchmark, benchmark)).append("\n\n");
				if (COLUMNS.containsKey(benchmark)) {
					pivot(out, groups, COLUMNS.get(benchmark));
				}
				else {
					list(out, groups);
				}
			});
		}
		return out.toString();
	}

	private static void pivot(StringBuilder out, Map<String, List<String[]>> groups, List<String> columns) {
		out.append("| swarm | ").append(String.join(" | ", columns)).append(" |\n|---");
		columns.forEach((column) -> out.append("|---:"));
		out.append("|\n");
		groups.forEach((parameters, rows) -> {
			out.append("| ").append(parameters);
			for (String column : columns) {
				out.append(" | ")
					.append(rows.stream()
						.filter((row) -> row[2].equals(column))
						.map(ResultsTables::valueWithUnit)
						.findFirst()
						.orElse(""));
			}
			out.append(" |\n");
		});
	}

	private static void list(StringBuilder out, Map<String, List<String[]>> groups) {
		groups.forEach((parameters, rows) -> {
			out.append("| ").append(parameters).append(" | |\n|---|---:|\n");
			for (String[] row : rows) {
				out.append("| ").append(row[2]).append(" | ").append(valueWithUnit(row)).append(" |\n");
			}
			out.append("\n");
		});
	}

	private static String valueWithUnit(String[] row) {
		return row[4].isEmpty() ? row[3] : row[3] + " " + row[4];
	}

	/** Rows by benchmark, then by parameters, in the order of the file. */
	private static Map<String, Map<String, List<String[]>>> read(Path csv) throws IOException {
		Map<String, Map<String, List<String[]>>> benchmarks = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		for (String line : lines.subList(1, lines.size())) {
			String[] row = fields(line);
			benchmarks.computeIfAbsent(row[0], (name) -> new LinkedHashMap<>())
				.computeIfAbsent(row[1], (name) -> new ArrayList<>())
				.add(row);
		}
		return benchmarks;
	}

	/** One line of the CSV that {@link Results} writes: quoted fields may hold commas. */
	static String[] fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
				field.append('"');
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		if (fields.size() != 5) {
			throw new IllegalArgumentException("Not a results row of 5 fields: " + line);
		}
		return fields.toArray(String[]::new);
	}

}
