package dev.p2pshare.tracker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import org.springframework.boot.SpringApplication;

/**
 * {@code p2p-share tracker}: the tracker's own options, and any Spring property passed on
 * as it is.
 */
@Command(name = "p2p-share tracker", sortOptions = false, usageHelpAutoWidth = true,
		description = "Runs the tracker, the swarm's registry: which files exist, their chunk hashes, "
				+ "and which live peer holds which chunks.",
		footer = { "", "Any Spring property is accepted too, e.g. --tracker.peer-ttl=90s (docs/configuration.md)." })
final class TrackerCommand implements Callable<Integer> {

	/** A Spring Boot property on the command line, or one of Boot's own switches. */
	private static final Pattern SPRING_ARGUMENT = Pattern.compile("--([\\w-]+\\.[^=\\s]+=.*|debug|trace)");

	@Spec
	private CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	private boolean help;

	@Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (default: 8080; 0 picks a free one).")
	private Integer port;

	@Option(names = "--data", paramLabel = "DIR",
			description = "The directory of the embedded H2 database (default: ./data).")
	private Path data;

	@Unmatched
	private List<String> springArguments = new ArrayList<>();

	/**
	 * Runs the tracker; a first argument {@code tracker} is the launcher's command word
	 * ({@code p2p-share tracker}), which hands it on.
	 */
	static int run(String... args) {
		String[] options = (args.length > 0 && args[0].equals("tracker")) ? Arrays.copyOfRange(args, 1, args.length)
				: args;
		return new CommandLine(new TrackerCommand()).setExpandAtFiles(false)
			.setParameterExceptionHandler((ex, arguments) -> {
				ex.getCommandLine().getErr().println(ex.getMessage());
				ex.getCommandLine().getErr().println("Run p2p-share tracker --help for its options.");
				return 2;
			})
			// Spring Boot has reported a failure to start already, with what to do
			.setExecutionExceptionHandler((ex, commandLine, parsed) -> 1)
			.execute(options);
	}

	@Override
	public Integer call() {
		List<String> args = new ArrayList<>();
		for (String argument : this.springArguments) {
			if (!SPRING_ARGUMENT.matcher(argument).matches()) {
				throw new ParameterException(this.spec.commandLine(), "Unknown option: '" + argument
						+ "' (a Spring property is written --name.of.property=value; see --help)");
			}
			args.add(argument);
		}
		if (this.port != null) {
			args.add("--server.port=" + this.port);
		}
		if (this.data != null) {
			args.add("--spring.datasource.url=jdbc:h2:file:" + this.data.toAbsolutePath().resolve("tracker-db")
					+ ";LOCK_TIMEOUT=10000");
		}
		SpringApplication.run(TrackerApplication.class, args.toArray(String[]::new));
		return 0;
	}

}
