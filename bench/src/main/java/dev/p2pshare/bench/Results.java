package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every number the benchmarks measure, as rows of one table: printed as it grows and
 * saved as CSV ({@code benchmark,parameters,metric,value,unit}).
 */
final class Results {

	record Row(String benchmark, String parameters, String metric, double value, String unit) {

		String csv() {
			return String.join(",", this.benchmark, quoted(this.parameters), quoted(this.metric), number(this.value),
					this.unit);
		}

		private static String quoted(String text) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}

	}

	private final List<Row> rows = new ArrayList<>();

	void add(String benchmark, String parameters, String metric, double value, String unit) {
		Row row = new Row(benchmark, parameters, metric, value, unit);
		this.rows.add(row);
		System.out.printf(Locale.ROOT, "%-16s %-50s %-30s %12s %s%n", benchmark, parameters, metric, number(value),
				unit);
	}

	void header() {
		System.out.printf(Locale.ROOT, "%-16s %-50s %-30s %12s %s%n", "benchmark", "parameters", "metric", "value",
				"unit");
	}

	void writeCsv(Path file) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("benchmark,parameters,metric,value,unit");
		this.rows.forEach((row) -> lines.add(row.csv()));
		Files.write(file, lines);
	}

	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.valueOf((long) value);
		}
		return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
	}

}
