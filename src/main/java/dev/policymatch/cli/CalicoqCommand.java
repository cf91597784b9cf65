package dev.policymatch.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.io.OutputStreamWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code calicoq}: the root command. It only wires: global options ({@link GlobalOptions}), the
 * subcommands, one place that turns failures into one line on stderr and an exit code.
 *
 * <p>To add a subcommand: write a class extending {@link CalicoqSubcommand} with
 * {@code @Command(name = "...", mixinStandardHelpOptions = true)} and add it to {@code subcommands} below.
 */
@Command(name = "calicoq",
        mixinStandardHelpOptions = true,
        versionProvider = CalicoqCommand.Version.class,
        subcommands = {EndpointCommand.class, HostCommand.class, PolicyCommand.class, EvalCommand.class,
            ExplainCommand.class, ValidateCommand.class, DiffCommand.class, OperatorCommand.class,
            VersionCommand.class, HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Which Calico policies and profiles apply to each endpoint, from manifests (-f) or from the "
                    + "cluster in the kubeconfig; and whether Calico resources are valid.",
            ""},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  calicoq -f examples/calicoctl-v3 endpoint eth0",
            "  calicoq host db1 -r",
            "  calicoq policy shop/allow-web-to-api",
            "  calicoq eval \"role == 'db'\"",
            "  calicoq -f examples/cluster explain edge1-eth0",
            "  calicoq validate -f examples/",
            "  calicoq diff --base main/calico -f calico -o markdown --exit-code",
            "  kubectl get heps.crd.projectcalico.org -o yaml | calicoq validate -f -",
            "  calicoq -o json validate -f hosts.yaml"})
public final class CalicoqCommand implements Runnable {

    @Mixin
    private GlobalOptions global = new GlobalOptions();

    @Spec
    private CommandSpec spec;

    private InputStream stdin = System.in;

    public GlobalOptions global() {
        return global;
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(args, System.in, out, err));
    }

    /**
     * Runs calicoq with the given streams and returns the exit code (for main and for tests). Everything is
     * printed through {@link TerminalSafeWriter}; running out of memory is one line and exit code
     * {@link CliException#OUT_OF_MEMORY}, not a stack trace.
     */
    public static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        PrintWriter safeOut = TerminalSafeWriter.wrap(out);
        PrintWriter safeErr = TerminalSafeWriter.wrap(err);
        try {
            return run(args, stdin, safeOut, safeErr);
        } catch (OutOfMemoryError e) {
            safeErr.println("calicoq: out of memory: the input needs more than the " + maxHeapMiB()
                    + " MiB Java heap; give it more with JAVA_OPTS=-Xmx<size> (e.g. -Xmx4g)");
            return CliException.OUT_OF_MEMORY;
        } finally {
            safeOut.flush();
            safeErr.flush();
        }
    }

    private static long maxHeapMiB() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    private static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CalicoqCommand root = new CalicoqCommand();
        root.stdin = stdin;
        CommandLine commandLine = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(CalicoqCommand::executeChecked)
                .setParameterExceptionHandler(CalicoqCommand::usageError)
                .setExecutionExceptionHandler((e, cl, parseResult) -> failure(e, cl.getErr()));
        return commandLine.execute(args);
    }

    /** Checks the global options once, for every command, before the command runs. */
    private static int executeChecked(ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        CommandLine rootLine = parseResult.commandSpec().commandLine();
        CalicoqCommand root = rootLine.getCommand();
        try {
            root.global.output(formatsOfTheCommand(parseResult));
            root.global.calicoApiGroup();
        } catch (CliException e) {
            rootLine.getErr().println(e.line());
            return e.exitCode();
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** The {@code -o} formats of the subcommand being run (calicoq's for the root and picocli's help). */
    private static Set<OutputFormat> formatsOfTheCommand(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().userObject() instanceof CalicoqSubcommand command ? command.outputFormats()
                : OutputFormat.CALICOQ;
    }

    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("calicoq: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        return CliException.USAGE;
    }

    private static int failure(Exception e, PrintWriter err) {
        if (e instanceof CliException cli) {
            err.println(cli.line());
            return cli.exitCode();
        }
        // A bug, not a user error: still one line, with the exception's type to report it by.
        err.println("calicoq: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        return CliException.FAILURE;
    }

    static String versionLine() {
        String version = CalicoqCommand.class.getPackage().getImplementationVersion();
        return "calicoq (PolicyMatch) " + (version == null ? "development build" : version);
    }

    /** For {@code --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }
}
