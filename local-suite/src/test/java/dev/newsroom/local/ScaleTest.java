package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleTest {

    private static Scale parse(String... args) {
        return Options.parse(args, name -> null).scale();
    }

    @Test
    void oneOfEachUnlessAsked() {
        Scale scale = parse();
        assertThat(scale.of("article-service")).isEqualTo(1);
        assertThat(scale.of("gateway")).isEqualTo(1);
    }

    @Test
    void instancesScaleEveryServiceAndBringASecondGateway() {
        Scale scale = parse("--instances", "3");
        assertThat(SuiteLayout.SERVICES)
                .allSatisfy(spec -> assertThat(scale.of(spec.module())).isEqualTo(3));
        assertThat(scale.of("gateway")).isEqualTo(2);
    }

    @Test
    void scaleSetsOneProcessWhateverInstancesSays() {
        Scale scale = parse("--instances", "2", "--scale", "trending-service=3", "--scale", "gateway=1");
        assertThat(scale.of("trending-service")).isEqualTo(3);
        assertThat(scale.of("comment-service")).isEqualTo(2);
        assertThat(scale.of("gateway")).isEqualTo(1);
        assertThat(parse("--scale", "comment-service=2").of("user-service")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--instances|0|--instances takes a whole number of instances from 1 to 3",
                "--instances|-1|--instances takes a whole number of instances from 1 to 3",
                "--instances|two|--instances takes a whole number of instances from 1 to 3",
                "--instances|4|--instances takes a whole number of instances from 1 to 3",
                "--scale|trending-service=0|--scale trending-service takes a whole number of instances from 1 to 3",
                "--scale|trending-service|--scale takes PROCESS=N with PROCESS one of user-service",
                "--scale|kafka=2|--scale takes PROCESS=N with PROCESS one of user-service",
                "--scale|=2|--scale takes PROCESS=N with PROCESS one of user-service"
            })
    void aCountThatCannotBeIsAUsageErrorNamingTheOption(String option, String value, String message) {
        assertThatThrownBy(() -> parse(option, value))
                .isInstanceOf(SuiteException.Usage.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aMissingCountIsAUsageErrorToo() {
        assertThatThrownBy(() -> parse("--instances"))
                .isInstanceOf(SuiteException.Usage.class)
                .hasMessageStartingWith("--instances needs a value");
    }

    @Test
    void laterInstancesListenAStepAboveTheFirst() {
        assertThat(Scale.port(8082, 1)).isEqualTo(8082);
        assertThat(Scale.port(8082, 3)).isEqualTo(8282);
        assertThat(Scale.name("gateway", 1)).isEqualTo("gateway");
        assertThat(Scale.name("gateway", 2)).isEqualTo("gateway-2");
    }
}
