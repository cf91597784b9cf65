package dev.policymatch.cli;

/** Placeholder entry point until the picocli CLI lands (issue 4). */
public final class CalicoqCommand {
    private CalicoqCommand() {
    }

    public static void main(String[] args) {
        System.out.println("calicoq (PolicyMatch) " + CalicoqCommand.class.getPackage().getImplementationVersion());
    }
}
