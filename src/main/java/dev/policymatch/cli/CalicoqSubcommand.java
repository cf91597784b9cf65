package dev.policymatch.cli;

import dev.policymatch.source.Catalog;
import dev.policymatch.source.ManifestException;
import dev.policymatch.source.ManifestReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of calicoq's subcommands: access to the global options, stdout/stderr and the manifests.
 * A subcommand extends this, is annotated {@code @Command(name = "...", mixinStandardHelpOptions = true)}, returns its exit code from
 * {@link #execute()}, throws {@link CliException} for anything the user must be told, and is listed
 * in {@link CalicoqCommand}'s {@code subcommands}.
 */
public abstract class CalicoqSubcommand implements Callable<Integer> {

    @ParentCommand
    private CalicoqCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public final Integer call() throws CliException {
        return execute();
    }

    /** Runs the command; returns the exit code. */
    protected abstract int execute() throws CliException;

    protected GlobalOptions global() {
        return root.global();
    }

    protected OutputFormat output() throws CliException {
        return root.global().output(outputFormats());
    }

    /** The {@code -o} formats this command takes: calicoq's by default. */
    protected Set<OutputFormat> outputFormats() {
        return OutputFormat.CALICOQ;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Reads the manifests given with {@code -f}; skipped documents are reported on stderr. A path that
     * cannot be read is a usage error (exit 2). The catalog may hold problems; check them.
     */
    protected Catalog readManifests() throws CliException {
        List<String> paths = global().filenames();
        if (paths.isEmpty()) {
            throw new CliException(CliException.USAGE, spec.name() + ": no manifests given; use -f FILE, -f DIR or -f - (stdin)");
        }
        return readManifests(paths);
    }

    /** Reads manifests; as {@link #readManifests()}, for paths other than {@code -f}'s. */
    protected Catalog readManifests(List<String> paths) throws CliException {
        PrintWriter err = err();
        try {
            return new ManifestReader(warning -> err.println("calicoq: warning: " + warning), root.stdin()).read(paths);
        } catch (ManifestException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        } finally {
            err.flush();
        }
    }
}
