package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiRequestTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # method | path                                                                          | verb             | resource path             | namespace          | name
            GET      | /apis/crd.projectcalico.org/v1/hostendpoints                                  | LIST             | hostendpoints             | -                  | -
            GET      | /apis/crd.projectcalico.org/v1/hostendpoints?watch=true&resourceVersion=5     | WATCH            | hostendpoints             | -                  | -
            GET      | /apis/crd.projectcalico.org/v1/hostendpoints/node1-eth0                       | GET              | hostendpoints             | -                  | node1-eth0
            POST     | /apis/policymatch.dev/v1alpha1/namespaces/policymatch-system/policymatchreports | CREATE         | policymatchreports        | policymatch-system | -
            PATCH    | /apis/policymatch.dev/v1alpha1/namespaces/ns/policymatchreports/hep.a/status  | PATCH            | policymatchreports/status | ns                 | hep.a
            PUT      | /apis/policymatch.dev/v1alpha1/namespaces/ns/policymatchreports/hep.a         | UPDATE           | policymatchreports        | ns                 | hep.a
            DELETE   | /apis/policymatch.dev/v1alpha1/namespaces/ns/policymatchreports/hep.a         | DELETE           | policymatchreports        | ns                 | hep.a
            DELETE   | /apis/policymatch.dev/v1alpha1/namespaces/ns/policymatchreports               | DELETECOLLECTION | policymatchreports        | ns                 | -
            GET      | /api/v1/namespaces                                                            | LIST             | namespaces                | -                  | -
            GET      | /api/v1/namespaces/default                                                    | GET              | namespaces                | -                  | default
            PUT      | /api/v1/namespaces/default/status                                             | UPDATE           | namespaces/status         | -                  | default
            GET      | /api/v1/namespaces/default/events                                             | LIST             | events                    | default            | -
            GET      | /version                                                                      | NONE             | ''                        | -                  | -
            GET      | /apis/policymatch.dev/v1alpha1                                                | NONE             | ''                        | -                  | -
            """)
    void derivesVerbAndResourceLikeRbac(String method, String path, ApiRequest.Verb verb, String resourcePath,
            String namespace, String name) {
        ApiRequest request = ApiRequest.parse(method, path);
        assertThat(request.verb()).isEqualTo(verb);
        assertThat(request.resourcePath()).isEqualTo(resourcePath);
        assertThat(request.namespace()).isEqualTo(namespace == null ? "" : namespace);
        assertThat(request.name()).isEqualTo(name == null ? "" : name);
    }
}
