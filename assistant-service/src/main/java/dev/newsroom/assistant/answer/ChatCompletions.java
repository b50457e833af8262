package dev.newsroom.assistant.answer;

import dev.newsroom.assistant.AssistantServiceProperties;
import io.netty.channel.ChannelOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A streaming client for the OpenAI chat-completions API, which OpenAI, Azure OpenAI and most
 * self-hosted servers (vLLM, llama.cpp, Ollama, LocalAI) speak: {@code POST <base>/chat/completions}
 * with {@code "stream": true}, answered by Server-Sent Events whose {@code data:} lines carry JSON
 * chunks ({@code choices[0].delta.content}) until {@code data: [DONE]}.
 *
 * <p>The request body is serialised here and sent as bytes, and the response is read as bytes and
 * parsed here: Spring's JSON and String codecs write what they encode and decode into their DEBUG
 * and TRACE log lines, and the prompt holds the reader's question. The byte codecs log only sizes.
 */
final class ChatCompletions {

    private final WebClient client;
    private final AssistantServiceProperties.Llm settings;
    private final JsonMapper json;

    ChatCompletions(WebClient.Builder builder, AssistantServiceProperties.Llm settings, JsonMapper json) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                settings.connectTimeout().toMillis());
        this.client = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        this.settings = settings;
        this.json = json;
    }

    /** A chat message: {@code system} or {@code user}, and its content. */
    record Message(String role, String content) {}

    /** The answer's text as the provider streams it, in pieces; fails on any error the provider reports. */
    Flux<String> stream(List<Message> messages) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", settings.model());
        request.put("stream", true);
        request.put("temperature", 0);
        request.put("max_tokens", settings.maxTokens());
        request.put("messages", messages);
        byte[] body = json.writeValueAsBytes(request);
        return client.post()
                .uri(settings.baseUrl() + settings.chatPath())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(this::authenticate)
                .bodyValue(body)
                .retrieve()
                .bodyToFlux(byte[].class)
                .transform(ChatCompletions::lines)
                .mapNotNull(SseLines::data)
                .takeWhile(data -> !data.equals("[DONE]"))
                .mapNotNull(this::content);
    }

    private static Flux<String> lines(Flux<byte[]> chunks) {
        return Flux.defer(() -> {
            SseLines lines = new SseLines();
            return chunks.concatMapIterable(lines::feed).concatWith(Flux.defer(() -> Flux.fromIterable(lines.rest())));
        });
    }

    private void authenticate(HttpHeaders headers) {
        String key = settings.apiKey();
        if (key.isBlank()) {
            return;
        }
        if (settings.apiKeyHeader().equalsIgnoreCase(HttpHeaders.AUTHORIZATION)) {
            headers.setBearerAuth(key);
        } else {
            headers.set(settings.apiKeyHeader(), key);
        }
    }

    /** The text piece of one chunk, or null for a chunk without any (role announcements, filters). */
    private String content(String data) {
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (tools.jackson.core.JacksonException unreadable) {
            throw new LlmFailure("the provider sent a chunk that is not JSON");
        }
        if (chunk.has("error")) {
            throw new LlmFailure("the provider reported an error in the stream");
        }
        JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
        return content.isString() && !content.asString().isEmpty() ? content.asString() : null;
    }

    /** The provider failed in a way that its HTTP status did not show. Carries no content. */
    static final class LlmFailure extends RuntimeException {

        LlmFailure(String message) {
            super(message, null, false, false);
        }
    }
}
