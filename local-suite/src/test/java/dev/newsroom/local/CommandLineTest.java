package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher as a person runs it: a count it cannot use stops it at once, with status 2. */
class CommandLineTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--instances|0",
                "--instances|-2",
                "--instances|many",
                "--scale|trending-service=9",
                "--scale|kafka=2"
            })
    void aCountItCannotUseEndsTheLauncherWithStatus2AndStartsNothing(String option, String value) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process launcher = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalSuite.class.getName(),
                        "--home",
                        home.toString(),
                        option,
                        value))
                .redirectErrorStream(true)
                .start();
        launcher.getOutputStream().close();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(launcher.exitValue()).as(output).isEqualTo(2);
        assertThat(output).startsWith("local-suite: --" + option.substring(2)).doesNotContain("Exception");
        assertThat(Files.exists(home.resolve(".newsroom")))
                .as("no data folder, no process")
                .isFalse();
    }
}
