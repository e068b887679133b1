package dev.qalam.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.qalam.testing.TestServer;
import java.time.Duration;

/** The official OpenAI Java SDK pointed at the Qalam server under test: only base URL and key set. */
final class OpenAiSdk {

    private OpenAiSdk() {
    }

    static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(TestServer.uri("/v1").toString())
                .apiKey(key)
                // The SDK retries 429 and 5xx by itself; the tests observe Qalam's own behaviour.
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}
