package dev.sessionbroker.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.support.DemoBrokerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code curl localhost:8080/...} example in the README's shell blocks works on the
 * demo profile, as a newcomer would paste it: a 2xx answer, and where the README shows the
 * answer on the next line as a JSON comment, that answer. Examples that need a token are left
 * out (the demo has no clients).
 */
class ReadmeExamplesTest extends DemoBrokerFixture {

    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    // A shell word: single-quoted, double-quoted or bare; a bare # starts a comment.
    private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyCurlExampleAnswersOnTheDemo() throws Exception {
        List<Example> examples = examples(Files.readString(Path.of("README.md")));
        assertThat(examples).extracting(Example::url).contains("localhost:8080/sessions/alertsite")
            .anyMatch((url) -> url.startsWith("localhost:8080/proxy/"));

        for (Example example : examples) {
            // Each example as if it came after a quiet spell: a login it needs is not paced.
            this.time.advance(Duration.ofHours(1));
            HttpResponse<String> answer = this.http.send(example.request(PORT));
            assertThat(answer.statusCode()).as(example.command()).isBetween(200, 299);
            if (example.shownAnswer() != null) {
                assertThat(this.json.readTree(answer.body())).as(example.command())
                    .isEqualTo(this.json.readTree(example.shownAnswer()));
            }
        }
    }

    private List<Example> examples(String readme) {
        List<Example> examples = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(readme);
        while (block.find()) {
            List<String> lines = List.of(block.group(1).replace("\\\n", " ").split("\n"));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (!line.startsWith("curl ") || !line.contains("localhost:8080") || line.contains("$")) {
                    continue;
                }
                String next = (i + 1 < lines.size()) ? lines.get(i + 1).trim() : "";
                String shown = next.startsWith("# {") && isJson(next.substring(2)) ? next.substring(2) : null;
                examples.add(parse(line, shown));
            }
        }
        return examples;
    }

    private boolean isJson(String text) {
        try {
            this.json.readTree(text);
            return true;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static Example parse(String command, String shownAnswer) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(command);
        while (word.find()) {
            if (word.group(3) != null && word.group(3).startsWith("#")) {
                break;
            }
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        String method = null;
        String url = null;
        String body = null;
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-X" -> method = words.get(++i);
                case "-H" -> headers.add(words.get(++i));
                case "-d" -> body = words.get(++i);
                default -> url = words.get(i);
            }
        }
        assertThat(url).as(command).isNotNull();
        return new Example(command, (method != null) ? method : (body != null) ? "POST" : "GET", url, headers, body,
                shownAnswer);
    }

    private record Example(String command, String method, String url, List<String> headers, String body,
            String shownAnswer) {

        HttpRequest request(int port) {
            HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create(this.url.replace("localhost:8080", "http://127.0.0.1:" + port)))
                .timeout(Duration.ofSeconds(30))
                .method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofString(this.body)
                        : HttpRequest.BodyPublishers.noBody());
            for (String header : this.headers) {
                int colon = header.indexOf(':');
                request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            return request.build();
        }
    }
}
