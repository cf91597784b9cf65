package dev.policymatch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The drawing of the packages, kept by the code: which PolicyMatch package may use which, what third-party
 * code the core may touch, no cycles, and no package holding a quarter of the code.
 *
 * <p>Each row of {@link #DRAWING} is one package: {@code package -> the packages the drawing lets it use},
 * then, after {@code | today also:}, the edges the code still has that the drawing does not. A name ending in
 * {@code ..} includes its subpackages. The code may use the drawing's edges and today's; an edge of today
 * that the code no longer has fails {@link #everyEdgeOfTodayIsStillThere}, so that the row loses it and
 * the list only shrinks.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.policymatch";

    private static final List<String> DRAWING = List.of(
            "text               ->",
            "selector           -> text",
            "model              ->",
            "net                -> text",
            "match              -> model selector",
            "validation         -> model selector net text",
            "api                -> model",
            "diff               -> match model selector validation text",
            "render             -> diff match model selector validation api text",
            "source.document    -> model text",
            "source.calico      -> source.document model text",
            "source.kubernetes  -> source.document model net text",
            "source             -> source.document source.calico source.kubernetes model kube text",
            "kube               ->",
            "devcluster..       -> kube",
            "operator           -> operator.. api render match model validation source.. kube devcluster..",
            "operator.inputs    -> operator.cache operator.events operator.metrics api match model source source.document kube",
            "operator.reconcile -> operator.inputs operator.report operator.events operator.metrics api render match model selector validation source..",
            "operator.report    -> operator.inputs operator.cache operator.metrics api model render",
            "operator.cache     -> model",
            "operator.events    ->",
            "operator.metrics   -> model",
            "operator.http      ->",
            "cli                -> operator source source.document render diff match model selector validation kube text");

    /** The one class outside devcluster that starts it; today also: the classes after the bar. */
    private static final String DEVCLUSTER_USERS = "operator.EmbeddedEstate";

    /**
     * These use the JDK, each other and fastutil's collections only: no Fabric8, JOSDK, Micrometer, Jackson or
     * picocli. fastutil is a library of plain collections with no dependencies of its own (the match index's
     * postings), so the core stays usable and testable without Kubernetes.
     */
    private static final List<String> JDK_ONLY = List.of("text", "selector", "model", "net", "match", "validation", "diff");

    /** The report resource and its renderings are Kubernetes model types and text, never a client or the operator. */
    private static final List<String> NO_CLIENT = List.of("api", "render");

    /** A package at or above this share of the main code lines is too big to read as one responsibility. */
    private static final double LARGEST_SHARE = 0.25;

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageIsInTheDrawing() {
        Set<String> undrawn = new TreeSet<>();
        for (JavaClass javaClass : MAIN) {
            String name = relative(javaClass.getPackageName());
            if (rows().stream().noneMatch(row -> covers(row.name(), name))) {
                undrawn.add(name);
            }
        }
        assertThat(undrawn).as("packages without a row in DRAWING").isEmpty();
    }

    @Test
    void packagesUseOnlyWhatTheDrawingAllows() {
        List<String> undrawn = new ArrayList<>();
        for (Row row : rows()) {
            String[] allowed = Stream.of(List.of(row.name()), row.uses(), row.todayAlso()).flatMap(List::stream)
                    .map(ArchitectureTest::pattern).toArray(String[]::new);
            undrawn.addAll(classes().that().resideInAPackage(pattern(row.name())).should()
                    .onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(allowed)))
                    .evaluate(MAIN).getFailureReport().getDetails());
        }
        // javac copies a constant's value into its user, so the class files do not show that use; the sources do.
        sourceEdges().forEach((from, targets) -> targets.stream().filter(to -> !allows(from, to))
                .forEach(to -> undrawn.add("the sources of " + from + " name " + to)));
        assertThat(undrawn).as("uses the drawing does not allow").isEmpty();
    }

    @Test
    void everyEdgeOfTodayIsStillThere() {
        Map<String, Set<String>> named = sourceEdges();
        for (Row row : rows()) {
            for (String target : row.todayAlso()) {
                boolean inSources = named.entrySet().stream().anyMatch(edge -> covers(row.name(), edge.getKey())
                        && edge.getValue().stream().anyMatch(to -> covers(target, to)));
                assertThat(inSources || !dependencies(pattern(row.name()), pattern(target)).isEmpty())
                        .as("%s no longer uses %s: take it out of the row's \"today also\"", row.name(), target)
                        .isTrue();
            }
        }
        for (String user : rowOf(DEVCLUSTER_USERS).todayAlso()) {
            String name = ROOT + "." + user;
            assertThat(MAIN.contain(name) && MAIN.get(name).getDirectDependenciesFromSelf().stream().anyMatch(
                    dependency -> resideInAnyPackage(pattern("devcluster..")).test(dependency.getTargetClass())))
                    .as("%s no longer uses devcluster: take it out of DEVCLUSTER_USERS' \"today also\"", user)
                    .isTrue();
        }
    }

    @Test
    void onlyTheEmbeddedEstateStartsTheDevelopmentCluster() {
        Row users = rowOf(DEVCLUSTER_USERS);
        Set<String> allowed = new TreeSet<>();
        allowed.add(ROOT + "." + users.name());
        users.todayAlso().forEach(user -> allowed.add(ROOT + "." + user));
        noClasses().that().resideOutsideOfPackage(pattern("devcluster.."))
                .and(DescribedPredicate.describe("other than " + allowed,
                        (JavaClass javaClass) -> !allowed.contains(outermost(javaClass).getName())))
                .should().dependOnClassesThat().resideInAPackage(pattern("devcluster.."))
                .check(MAIN);
    }

    @Test
    void theCoreUsesOnlyTheJdkAndPlainCollections() {
        String[] core = JDK_ONLY.stream().map(ArchitectureTest::pattern).toArray(String[]::new);
        classes().that().resideInAnyPackage(core)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "it.unimi.dsi.fastutil..", ROOT + "..")
                .check(MAIN);
    }

    @Test
    void theReportAndItsRenderingsUseNoClientAndNoOperator() {
        String[] packages = NO_CLIENT.stream().map(ArchitectureTest::pattern).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("io.javaoperatorsdk..", "io.micrometer..",
                        "io.prometheus..", "io.fabric8.kubernetes.client.dsl..")
                .orShould().dependOnClassesThat().areAssignableTo("io.fabric8.kubernetes.client.KubernetesClient")
                .check(MAIN);
    }

    @Test
    void onlyTheDevelopmentClusterUsesTheMockServer() {
        noClasses().that().resideOutsideOfPackage(pattern("devcluster.."))
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client.server.mock..",
                        "io.fabric8.mockwebserver..")
                .check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                if (!javaClass.getPackageName().startsWith(ROOT + ".")) {
                    return SliceIdentifier.ignore();
                }
                String name = relative(javaClass.getPackageName());
                return name.startsWith("devcluster") ? SliceIdentifier.of("devcluster") : SliceIdentifier.of(name);
            }

            @Override
            public String getDescription() {
                return "PolicyMatch packages (devcluster.. as one)";
            }
        }).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noPackageHoldsAQuarterOfTheCode() throws IOException {
        Path sources = Path.of("src/main/java");
        Map<String, Long> lines = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> lines.merge(
                    sources.relativize(file.getParent()).toString().replace('/', '.'), lineCount(file), Long::sum));
        }
        long total = lines.values().stream().mapToLong(Long::longValue).sum();
        String table = lines.entrySet().stream()
                .map(entry -> String.format("%-40s %6d %5.1f %%", entry.getKey(), entry.getValue(),
                        100.0 * entry.getValue() / total))
                .collect(Collectors.joining("\n"));
        assertThat(lines).as("main code lines per package (total %d):%n%s", total, table)
                .allSatisfy((name, count) -> assertThat((double) count / total).isLessThan(LARGEST_SHARE));
    }

    /** Whether the row of {@code from} lets it use {@code to}, by the drawing or today's edges. */
    private static boolean allows(String from, String to) {
        return rows().stream().filter(row -> covers(row.name(), from)).anyMatch(row -> Stream.of(List.of(row.name()),
                row.uses(), row.todayAlso()).flatMap(List::stream).anyMatch(allowed -> covers(allowed, to)));
    }

    /** Package -> the other PolicyMatch packages its main sources name in code (imports included, comments not). */
    private static Map<String, Set<String>> sourceEdges() {
        Path sources = Path.of("src/main/java");
        Pattern named = Pattern.compile("\\b" + Pattern.quote(ROOT) + "\\.((?:[a-z][a-z0-9]*\\.)+)[A-Z]");
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file.getParent()).toString().replace('/', '.');
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher matcher = named.matcher(code);
                while (matcher.find()) {
                    String to = matcher.group(1).substring(0, matcher.group(1).length() - 1);
                    if (!to.equals(relative(from))) {
                        edges.computeIfAbsent(relative(from), key -> new TreeSet<>()).add(to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }

    private record Row(String name, List<String> uses, List<String> todayAlso) {
    }

    private static List<Row> rows() {
        return DRAWING.stream().map(ArchitectureTest::rowOf).toList();
    }

    /** {@code name -> a b | today also: c d}, or without the arrow {@code name | today also: c d}. */
    private static Row rowOf(String text) {
        String[] drawingAndToday = text.split("\\| today also:");
        String[] nameAndUses = drawingAndToday[0].split("->");
        return new Row(nameAndUses[0].trim(),
                nameAndUses.length > 1 ? words(nameAndUses[1]) : List.of(),
                drawingAndToday.length > 1 ? words(drawingAndToday[1]) : List.of());
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    private static String pattern(String name) {
        return ROOT + "." + name;
    }

    private static String relative(String packageName) {
        return packageName.equals(ROOT) ? "" : packageName.substring(ROOT.length() + 1);
    }

    private static boolean covers(String row, String packageName) {
        return row.endsWith("..") ? (packageName + ".").startsWith(row.substring(0, row.length() - 1))
                : row.equals(packageName);
    }

    private static List<Dependency> dependencies(String fromPattern, String toPattern) {
        return MAIN.stream()
                .filter(javaClass -> resideInAnyPackage(fromPattern).test(javaClass))
                .flatMap(javaClass -> javaClass.getDirectDependenciesFromSelf().stream())
                .filter(dependency -> resideInAnyPackage(toPattern).test(dependency.getTargetClass()))
                .toList();
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static long lineCount(Path file) {
        try {
            return Files.readString(file).chars().filter(c -> c == '\n').count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
