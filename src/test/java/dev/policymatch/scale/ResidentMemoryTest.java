package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsResidentAndPeakFromProcStatus() {
        String status = """
                Name:\tjava
                VmPeak:\t 4512344 kB
                VmSize:\t 4446808 kB
                VmHWM:\t  812300 kB
                VmRSS:\t  640000 kB
                RssAnon:\t  600000 kB
                Threads:\t61
                """;
        assertThat(ResidentMemory.parse(status)).hasValue(new ResidentMemory(640_000L * 1024, 812_300L * 1024));
        assertThat(ResidentMemory.parse(status).orElseThrow().peakMebibytes()).isEqualTo(793);
    }

    @Test
    void nothingWithoutBothLines() {
        assertThat(ResidentMemory.parse("Name:\tjava\nVmRSS:\t 1 kB\n")).isEqualTo(Optional.empty());
    }

    @Test
    void thisProcessHasSomeResidentMemoryOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "/proc is Linux's");
        assertThat(ResidentMemory.of(ProcessHandle.current().pid())).hasValueSatisfying(m ->
                assertThat(m.peakBytes()).isGreaterThanOrEqualTo(m.bytes()).isPositive());
    }
}
