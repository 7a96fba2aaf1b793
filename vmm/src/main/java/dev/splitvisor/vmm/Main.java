package dev.splitvisor.vmm;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code splitvisor} command line. */
@Command(name = "splitvisor", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run x86-64 Linux programs in lightweight user VMs, in pure Java.",
        subcommands = {RunCommand.class, DemoCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its status (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(false);
        return cl.execute(args);
    }

    /** The version from the packaged jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"splitvisor " + (v == null ? "(development build)" : v)};
        }
    }
}
