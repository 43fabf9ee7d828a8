package dev.p2pshare.agent.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code p2p-share}: one verb and its argument for what people do with a swarm. Each
 * command's options become the agent's Spring properties, and any Spring property is
 * passed on as it is. {@code bin/p2p-share tracker} runs the tracker's own jar.
 */
@Command(name = "p2p-share", usageHelpAutoWidth = true,
		description = "Shares files peer to peer: every machine that downloads a file serves it too.",
		subcommands = { TrackerEntry.class, SeedCommand.class, GetCommand.class, MenuCommand.class, ListCommand.class,
				StatusCommand.class },
		footer = { "", "Run p2p-share COMMAND --help for a command's options." })
public final class Launcher implements Runnable {

	/** What a command that started the agent returns: the agent runs on. */
	static final int RUNS_ON = -1;

	@CommandLine.Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	private boolean help;

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	private Launcher() {
	}

	/**
	 * Whether these arguments are for the launcher: a first word (a command, or a
	 * mistyped one), or a request for help. Otherwise they are the agent's Spring
	 * properties, as in {@code java -jar peer-agent.jar --peer.mode=seed}.
	 */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && (!args[0].startsWith("--") || args[0].equals("--help"));
	}

	/** Runs the command, then exits with its status unless it started the agent. */
	public static void main(String[] args) {
		int code = new CommandLine(new Launcher()).setExpandAtFiles(false)
			.setParameterExceptionHandler(Launcher::badInput)
			.setExecutionExceptionHandler(Launcher::failed)
			.execute(args);
		if (code != RUNS_ON) {
			System.exit(code);
		}
	}

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	/**
	 * An agent that could not start has had Spring Boot say why, with what to do;
	 * anything else is said here, in one line.
	 */
	private static int failed(Exception ex, CommandLine commandLine, CommandLine.ParseResult parsed) {
		if (!(ex instanceof AgentStart.NotStarted)) {
			commandLine.getErr().printf("%s: %s%n", commandLine.getCommandSpec().qualifiedName(), ex.getMessage());
			commandLine.getErr().flush();
		}
		return 1;
	}

	private static int badInput(CommandLine.ParameterException ex, String[] args) {
		PrintWriter err = ex.getCommandLine().getErr();
		err.println(ex.getMessage());
		CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
		err.printf("Run %s --help for its options.%n", ex.getCommandLine().getCommandSpec().qualifiedName());
		err.flush();
		return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
	}

}
