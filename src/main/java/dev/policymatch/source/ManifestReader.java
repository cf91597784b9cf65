package dev.policymatch.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.kubernetes.KubernetesResourceConverter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads Calico resources from manifest files, directories and stdin into a {@link Catalog}.
 *
 * <ul>
 *   <li>A directory is read recursively: its {@code *.yaml}, {@code *.yml} and {@code *.json} files,
 *       sorted by path so results do not depend on the file system's order. A subdirectory that
 *       holds a file named {@value #SKIP_MARKER} is left out of the recursion (so a repository can keep
 *       deliberately invalid fixtures, like {@code examples/invalid/}, beside valid manifests); it is
 *       read when it is itself the path given.</li>
 *   <li>{@code -} is stdin (YAML or JSON).</li>
 *   <li>A stream may hold several YAML documents, a {@code kind: List} (or {@code kind: *List}, as
 *       {@code calicoctl get -o yaml} writes) with {@code items}, or a top-level sequence of resources.</li>
 *   <li>Kubernetes Pods, Namespaces, ServiceAccounts and NetworkPolicies become the Calico resources
 *       Calico's Kubernetes datastore derives from them ({@link KubernetesResourceConverter}); a pod
 *       that gives no workload endpoint (host-networked, unscheduled) is skipped with a warning.</li>
 *   <li>Documents of other kinds are skipped with one warning each, sent to the warnings sink.</li>
 * </ul>
 *
 * Problems in the input (malformed or refused YAML, fields of the wrong type) do not stop the read:
 * they are collected in {@link Catalog#problems()} so {@code calicoq validate} can report them all.
 * Only a path that cannot be read at all throws {@link ManifestException}.
 */
public final class ManifestReader {
    public static final String STDIN = "-";
    /** A file whose presence keeps its directory out of a parent directory's recursive read. */
    public static final String SKIP_MARKER = ".calicoq-skip";
    private static final int SNIFF_LIMIT = 64 * 1024;

    private final ResourceConverter converter = new ResourceConverter();
    private final Consumer<String> warnings;
    private final InputStream stdin;

    /** @param warnings receives one line per skipped document, e.g. the CLI's stderr */
    public ManifestReader(Consumer<String> warnings) {
        this(warnings, System.in);
    }

    public ManifestReader(Consumer<String> warnings, InputStream stdin) {
        this.warnings = Objects.requireNonNull(warnings);
        this.stdin = Objects.requireNonNull(stdin);
    }

    /** Reads every path in order ({@code -} for stdin). */
    public Catalog read(List<String> paths) throws ManifestException {
        Catalog.Builder catalog = new Catalog.Builder();
        for (String path : paths) {
            if (STDIN.equals(path)) {
                readSniffed(SourceLocation.STDIN, new StrictUnicodeReader(stdin), catalog);
            } else {
                readPath(Path.of(path), catalog);
            }
        }
        return catalog.build();
    }

    /** Reads manifests given as text; {@code name} is used in locations. */
    public Catalog readString(String name, String text) {
        Catalog.Builder catalog = new Catalog.Builder();
        try {
            readStream(name, new java.io.StringReader(text), name.toLowerCase(Locale.ROOT).endsWith(".json"), catalog);
        } catch (ManifestException e) {
            throw new IllegalStateException(e); // no I/O on a string
        }
        return catalog.build();
    }

    private void readPath(Path path, Catalog.Builder catalog) throws ManifestException {
        if (Files.isDirectory(path)) {
            List<Path> files = manifestFiles(path);
            if (files.isEmpty()) {
                warnings.accept(path + ": no manifests (*.yaml, *.yml, *.json) in this directory");
            }
            for (Path file : files) {
                readFile(file, catalog);
            }
        } else {
            readFile(path, catalog);
        }
    }

    private static List<Path> manifestFiles(Path directory) throws ManifestException {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    boolean skipped = !dir.equals(directory) && Files.exists(dir.resolve(SKIP_MARKER));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && isManifestName(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ManifestException("cannot read directory " + directory + ": " + reason(e));
        }
        files.sort(null);
        return files;
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file, Catalog.Builder catalog) throws ManifestException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(file)) {
            if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) {
                readStream(file.toString(), new StrictUnicodeReader(in), name.endsWith(".json"), catalog);
            } else {
                readSniffed(file.toString(), new StrictUnicodeReader(in), catalog);
            }
        } catch (IOException e) {
            throw new ManifestException("cannot read " + file + ": " + reason(e));
        }
    }

    /**
     * Input of unknown format (stdin, a file without a manifest extension): JSON when it starts with
     * '{' or '[' ({@code kubectl get -o json}, jq, Go's tab-indented JSON, which YAML refuses because
     * of the tabs), YAML otherwise.
     */
    private void readSniffed(String name, Reader reader, Catalog.Builder catalog) throws ManifestException {
        BufferedReader buffered = new BufferedReader(reader);
        boolean json = false;
        try {
            buffered.mark(SNIFF_LIMIT);
            for (int i = 0, c; i < SNIFF_LIMIT && (c = buffered.read()) >= 0; i++) {
                if (!Character.isWhitespace(c)) {
                    json = c == '{' || c == '[';
                    break;
                }
            }
            buffered.reset();
        } catch (StrictUnicodeReader.Undecodable e) {
            catalog.addProblem(new ManifestProblem(new SourceLocation(name, e.line()), null, e.getMessage()));
            return;
        } catch (IOException e) {
            throw new ManifestException("cannot read " + name + ": " + reason(e));
        }
        readStream(name, buffered, json, catalog);
    }

    private void readStream(String name, Reader reader, boolean json, Catalog.Builder catalog)
            throws ManifestException {
        ManifestParser.DocumentHandler handler = document -> addDocument(name, document, catalog);
        try {
            if (json) {
                ManifestParser.parseJson(reader, handler);
            } else {
                ManifestParser.parseYaml(reader, handler);
            }
        } catch (ManifestSyntaxException e) {
            catalog.addProblem(new ManifestProblem(new SourceLocation(name, e.line()), null, e.getMessage()));
        } catch (IOException e) {
            throw new ManifestException("cannot read " + name + ": " + reason(e));
        }
    }

    private void addDocument(String name, ParsedDocument document, Catalog.Builder catalog) {
        addResource(name, document, document.root(), document.line(), catalog);
    }

    private void addResource(String name, ParsedDocument document, JsonNode node, int line, Catalog.Builder catalog) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                addResource(name, document, item, document.lineOf(item), catalog);
            }
            return;
        }
        if (isList(node)) {
            addResource(name, document, node.get("items"), line, catalog);
            return;
        }
        if (node.isNull() || node.isMissingNode()) {
            return; // an empty document: YAML "---" with nothing after it
        }
        SourceLocation location = new SourceLocation(name, line);
        try {
            Conversion conversion = converter.convert(node);
            if (conversion instanceof Conversion.Converted converted) {
                catalog.add(converted.resource(), location);
                converted.warnings().forEach(warning -> warnings.accept(location + ": " + warning));
            } else if (conversion instanceof Conversion.Skipped skipped) {
                warnings.accept(location + ": skipping " + Fields.describeKind(node) + ": " + skipped.reason());
            } else if (conversion instanceof Conversion.NotCalico notCalico) {
                warnings.accept(location + ": skipping " + notCalico.description()
                        + ": not a Calico resource that PolicyMatch reads");
            }
        } catch (ResourceFormatException e) {
            catalog.addProblem(new ManifestProblem(location, e.resource(), e.fieldMessage()));
        }
    }

    /** {@code kind: List} and the typed lists calicoctl and kubectl write ({@code HostEndpointList}). */
    private static boolean isList(JsonNode node) {
        JsonNode kind = node.path("kind");
        return kind.isTextual() && kind.asText().endsWith("List") && node.path("items").isArray();
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
