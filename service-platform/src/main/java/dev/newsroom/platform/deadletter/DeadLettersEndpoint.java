package dev.newsroom.platform.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/deadletters}: an operator's view of the service's dead letters ({@code GET}, all
 * topics; {@code GET …/{topic}}, one) and their re-drive ({@code POST …/{topic}}). Exposed on the
 * service's own port only: the gateway never routes {@code /actuator/**} beyond health.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, List<DeadLetters.DeadLetter>> all() {
        Map<String, List<DeadLetters.DeadLetter>> all = new LinkedHashMap<>();
        deadLetters.topics().forEach(topic -> all.put(topic, deadLetters.list(topic)));
        return all;
    }

    @ReadOperation
    public List<DeadLetters.DeadLetter> topic(@Selector String topic) {
        return deadLetters.list(known(topic));
    }

    @WriteOperation
    public DeadLetters.Redriven redrive(@Selector String topic) {
        return deadLetters.redrive(known(topic));
    }

    private String known(String topic) {
        if (!deadLetters.topics().contains(topic)) {
            throw new InvalidEndpointRequestException(
                    "Not a dead-letter topic of this service: " + topic, "unknown dead-letter topic");
        }
        return topic;
    }
}
