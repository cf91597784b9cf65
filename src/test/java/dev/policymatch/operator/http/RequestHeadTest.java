package dev.policymatch.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestHeadTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            GET /healthz HTTP/1.1                  | GET  | /healthz
            HEAD /metrics HTTP/1.0                 | HEAD | /metrics
            GET /metrics?name[]=up HTTP/1.1        | GET  | /metrics
            GET http://10.0.0.7:8080/readyz HTTP/1.1 | GET | /readyz
            POST /metrics HTTP/1.1                 | POST | /metrics
            GET /healthz HTTP/2.0                  | none | none
            GET  /healthz HTTP/1.1                 | none | none
            get /healthz HTTP/1.1                  | none | none
            GET healthz HTTP/1.1                   | none | none
            GET * HTTP/1.1                         | none | none
            GET /healthz                           | none | none
            ''                                     | none | none
            """)
    void requestLines(String line, String method, String path) {
        byte[] head = (line + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Optional<RequestHead> parsed = RequestHead.parse(head, head.length);
        assertThat(parsed).isEqualTo(method == null ? Optional.empty() : Optional.of(new RequestHead(method, path)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n     | 27
            GET / HTTP/1.1\\nHost: x\\n\\n               | 24
            GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nBODY | 27
            GET / HTTP/1.1\\r\\nHost: x\\r\\n         | -1
            GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r      | -1
            """)
    void theHeadEndsAtTheFirstEmptyLine(String escaped, int end) {
        byte[] bytes = escaped.strip().replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RequestHead.endOfHead(bytes, bytes.length)).isEqualTo(end);
    }
}
