package dev.p2pshare.agent;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** {@code docs/configuration.md}, written from both apps' configuration metadata. */
final class ConfigurationPage {

	private static final String HEADER = """
			# Configuration

			Every property of the tracker (`tracker.*`) and the peer agent (`peer.*`), with its default.
			Set one on the command line (`--peer.tcp-port=6881`), as an environment variable
			(`PEER_TCP_PORT=6881`), or in an `application.yaml` beside the jar. Durations take a unit
			(`500ms`, `30s`, `10m`), sizes too (`64KB`, `1MB`); a value out of range stops the app at start
			with a report that names the property.

			Spring Boot's own properties work as usual: `server.port` (HTTP, 8080 by default),
			`spring.datasource.url`, `.username` and `.password` for the tracker's database (see
			[operations.md](operations.md)), `logging.level.*`.

			This page is generated from the apps' configuration metadata; `ConfigurationDocsIT` fails
			when the two differ, and `./mvnw verify -Dconfig-docs.update=true` rewrites it.
			""";

	private ConfigurationPage() {
	}

	static String render(JsonNode tracker, JsonNode agent) {
		StringBuilder page = new StringBuilder(HEADER);
		section(page, "Tracker", tracker);
		section(page, "Peer agent", agent);
		return page.toString();
	}

	private static void section(StringBuilder page, String title, JsonNode metadata) {
		page.append("\n## ").append(title).append("\n\n| property | default | meaning |\n|---|---|---|\n");
		List<JsonNode> properties = new ArrayList<>();
		metadata.get("properties").forEach(properties::add);
		properties.sort((a, b) -> a.get("name").asString().compareTo(b.get("name").asString()));
		for (JsonNode property : properties) {
			page.append("| `")
				.append(property.get("name").asString())
				.append("` | ")
				.append(defaultValue(property.get("defaultValue")))
				.append(" | ")
				.append(text(property.path("description").asString("")))
				.append(" |\n");
		}
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "(none)";
		}
		String text = value.isArray() ? joined(value) : value.asString();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		return text.isEmpty() ? "(empty)" : "`" + text + "`";
	}

	private static String joined(JsonNode array) {
		List<String> items = new ArrayList<>();
		array.forEach((item) -> items.add(item.asString()));
		return String.join(", ", items);
	}

	/** Javadoc to Markdown: code spans, one line, no table breaks. */
	private static String text(String javadoc) {
		String text = javadoc.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`")
			.replaceAll("\\{@link #?([^}]*)}", "`$1`")
			.replaceAll("\\s+", " ")
			.replace("|", "\\|")
			.strip();
		return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
	}

}
