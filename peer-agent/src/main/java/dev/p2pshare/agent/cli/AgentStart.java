package dev.p2pshare.agent.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import dev.p2pshare.agent.PeerAgentApplication;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import org.springframework.boot.SpringApplication;

/**
 * A command that starts the agent: the options every such command takes, turned into
 * Spring properties, after the Spring properties given as they are.
 */
abstract class AgentStart implements Callable<Integer> {

	/** A Spring Boot property on the command line, or one of Boot's own switches. */
	private static final Pattern SPRING_ARGUMENT = Pattern.compile("--([\\w-]+\\.[^=\\s]+=.*|debug|trace)");

	@Spec
	CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Option(names = "--tracker", paramLabel = "URL", description = "The tracker (default: http://localhost:8080).")
	URI tracker;

	@Option(names = "--port", paramLabel = "PORT",
			description = "The REST API's port (default: a free one, said in the log).")
	Integer port;

	@Option(names = "--chunk-port", paramLabel = "PORT",
			description = "The TCP port other peers fetch chunks from (default: a free one).")
	Integer chunkPort;

	@Option(names = "--advertised-host", paramLabel = "HOST",
			description = "Where other peers reach this one (default: the address this machine reaches "
					+ "the tracker from, said in the log).")
	String advertisedHost;

	@Unmatched
	List<String> springArguments = new ArrayList<>();

	/** This command's own Spring properties, as {@code --name=value}. */
	abstract List<String> properties();

	/**
	 * The Spring properties given as they are.
	 * @throws ParameterException for an option that is neither this command's nor a
	 * Spring property, as a typo would be
	 */
	List<String> springArguments() {
		for (String argument : this.springArguments) {
			if (!SPRING_ARGUMENT.matcher(argument).matches()) {
				throw new ParameterException(this.spec.commandLine(),
						"Unknown option: '" + argument + "' (a Spring property is written --name.of.property=value)");
			}
		}
		return this.springArguments;
	}

	@Override
	public Integer call() {
		List<String> args = new ArrayList<>(springArguments());
		args.add("--spring.main.banner-mode=off");
		args.addAll(properties());
		addUnlessGiven(args, "peer.tracker-url", this.tracker);
		addUnlessGiven(args, "server.port", (this.port != null) ? this.port : 0);
		addUnlessGiven(args, "peer.tcp-port", this.chunkPort);
		addUnlessGiven(args, "peer.advertised-host", this.advertisedHost);
		SpringApplication agent = new SpringApplication(PeerAgentApplication.class);
		agent.setMainApplicationClass(PeerAgentApplication.class);
		try {
			agent.run(args.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			throw new NotStarted(ex);
		}
		return Launcher.RUNS_ON;
	}

	/** The agent did not start, and Spring Boot's report has said why. */
	static final class NotStarted extends RuntimeException {

		NotStarted(RuntimeException cause) {
			super(cause.getMessage(), cause);
		}

	}

	/**
	 * Adds {@code --name=value} unless the value is null or a Spring argument names it.
	 */
	static void addUnlessGiven(List<String> args, String name, Object value) {
		if (value != null && args.stream().noneMatch((arg) -> arg.startsWith("--" + name + "="))) {
			args.add("--" + name + "=" + value);
		}
	}

}
