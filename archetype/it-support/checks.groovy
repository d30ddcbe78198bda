// Checks shared by the archetype integration tests' verify.groovy scripts (copied to
// target/test-classes/projects/checks.groovy). Each verify.groovy loads it with GroovyShell.parse.
/**
 * The monorepo's own template reader (lambda-model) and rules (template-rules), both compiled earlier in the
 * reactor, so generated templates are held to exactly the rules coldbrew's template keeps.
 */
Class rulesClass(File projectDir, String name) {
    File dir = projectDir.canonicalFile
    while (dir != null && !new File(dir, 'template-rules/target/classes').isDirectory()) {
        dir = dir.parentFile
    }
    assert dir != null : 'template-rules/target/classes not found: build the repository root (make test)'
    def classes = ['template-rules/target/classes', 'lambda-model/target/classes']
            .collect { new File(dir, it).toURI().toURL() }
    def loader = new URLClassLoader(classes as URL[], getClass().classLoader)
    return loader.loadClass(name)
}

/** template.yaml as maps and lists, short-form intrinsics in long form ({@code !Ref X} is {@code [Ref: 'X']}). */
Map template(File projectDir) {
    def reader = rulesClass(projectDir, 'dev.coldbrew.lambda.template.CloudFormationYaml')
    def load = reader.getDeclaredMethod('load', java.nio.file.Path)
    load.accessible = true
    return load.invoke(null, new File(projectDir, 'template.yaml').toPath()) as Map
}

/** Asserts the template and Makefile keep every coldbrew template rule (TemplateRules). */
void keepsTemplateRules(File projectDir, Map template) {
    def rules = rulesClass(projectDir, 'dev.coldbrew.templaterules.TemplateRules')
    def check = rules.getDeclaredMethod('check', Map, String)
    List violations = check.invoke(null, template, new File(projectDir, 'Makefile').text) as List
    assert violations == [] : "coldbrew template rules broken in ${projectDir}/template.yaml"
}

/** Runs cfn-lint on the template where it is installed; skips with a note where it is not. */
void cfnLint(File projectDir) {
    def which = ['sh', '-c', 'command -v cfn-lint'].execute()
    if (which.waitFor() != 0) {
        println 'cfn-lint is not installed: template lint skipped'
        return
    }
    def lint = ['cfn-lint', 'template.yaml'].execute(null, projectDir)
    def out = new StringBuilder()
    lint.consumeProcessOutput(out, out)
    assert lint.waitFor() == 0 : "cfn-lint found problems in ${projectDir}/template.yaml:\n${out}"
}

/** Asserts the module's tests ran and passed; returns how many ran. */
int testsPassed(File moduleDir) {
    def reports = new File(moduleDir, 'target/surefire-reports').listFiles()?.findAll { it.name.endsWith('.xml') }
    assert reports : "no test reports in ${moduleDir}"
    int tests = 0
    reports.each {
        def suite = new groovy.xml.XmlSlurper().parse(it)
        assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : "test failures in ${it}"
        tests += suite.@tests.toInteger()
    }
    assert tests > 0
    return tests
}

/** Names of the jars the layer ships (shared-layer/target/layer/java/lib). */
List<String> layerJars(File projectDir) {
    def lib = new File(projectDir, 'shared-layer/target/layer/java/lib')
    assert lib.isDirectory() : "no layer content in ${lib}"
    return lib.list().toList().sort()
}

/** Class file major version (65 = Java 21, 69 = Java 25). */
int classMajor(File classFile) {
    classFile.withDataInputStream { it.skipBytes(6); it.readUnsignedShort() }
}

/** Runs `mvn -B -q verify` in the directory with the Maven and JDK of this build; asserts it passes. */
void mavenVerify(File dir) {
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
    def command = [mvn, '-B', '-q', 'verify']
    def repo = System.getProperty('maven.repo.local')
    if (repo) {
        command << "-Dmaven.repo.local=${repo}".toString()
    }
    def pb = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
    pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
    def process = pb.start()
    def out = new StringBuilder()
    process.consumeProcessOutput(out, out)
    assert process.waitFor() == 0 : "mvn verify failed in ${dir}:\n${out}"
}

/**
 * Runs `make <target> [VAR=value...]` in the generated project as a user would (its Makefile finds the JDK and
 * runs ./mvnw); asserts it exits with {@code exitCode} and returns its output.
 */
String make(File projectDir, String target, List<String> variables = [], int exitCode = 0) {
    def pb = new ProcessBuilder(['make', '--no-print-directory', target] + variables).directory(projectDir).redirectErrorStream(true)
    def repo = System.getProperty('maven.repo.local')
    if (repo) {
        pb.environment().put('MAVEN_ARGS', "-Dmaven.repo.local=${repo}".toString())
    }
    def process = pb.start()
    def out = new StringBuilder()
    process.consumeProcessOutput(out, out)
    assert process.waitFor() == exitCode : "make ${target} ${variables.join(' ')} did not exit ${exitCode} in ${projectDir}:\n${out}"
    return out.toString()
}

/**
 * Runs the archetype's post-generate script (from target/classes) on the given properties in a scratch
 * directory, as archetype:generate would; returns its error message, or null when it accepted them. Asserts
 * that a refusal leaves nothing behind.
 */
String generationRefusal(File projectDir, Map<String, String> values) {
    def classes = new File(projectDir, '../../../../../classes').canonicalFile
    def scratch = File.createTempDir()
    def target = new File(scratch, 'bad')
    def thread = Thread.currentThread()
    def previous = thread.contextClassLoader
    thread.contextClassLoader = new URLClassLoader([classes.toURI().toURL()] as URL[], previous)
    try {
        target.mkdirs()
        def request = new GenerationRequest(outputDirectory: scratch.path, artifactId: 'bad', properties: values as Properties)
        def script = new GroovyShell(getClass().classLoader, new Binding([request: request]))
                .parse(new File(classes, 'META-INF/archetype-post-generate.groovy'))
        try {
            script.run()
            return null
        } catch (IllegalArgumentException e) {
            assert !target.exists() : 'a refused generation must leave nothing behind'
            return e.message
        }
    } finally {
        thread.contextClassLoader = previous
        scratch.deleteDir()
    }
}

/** What the post-generate script reads of archetype:generate's request. */
class GenerationRequest {
    String outputDirectory
    String artifactId
    Properties properties
}
