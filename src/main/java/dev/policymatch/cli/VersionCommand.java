package dev.policymatch.cli;

import picocli.CommandLine.Command;

/** {@code calicoq version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the calicoq (PolicyMatch) version.")
public final class VersionCommand extends CalicoqSubcommand {

    @Override
    protected int execute() {
        out().println(CalicoqCommand.versionLine());
        return 0;
    }
}
