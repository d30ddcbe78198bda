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
    def process = makeProcess(projectDir, ['make', '--no-print-directory', target] + variables).start()
    def out = new StringBuilder()
    process.consumeProcessOutput(out, out)
    assert process.waitFor() == exitCode : "make ${target} ${variables.join(' ')} did not exit ${exitCode} in ${projectDir}:\n${out}"
    return out.toString()
}

/** A `make` command line in the project, with this build's local repository (the project's mvnw reads MAVEN_ARGS). */
ProcessBuilder makeProcess(File projectDir, List<String> command) {
    def pb = new ProcessBuilder(command).directory(projectDir).redirectErrorStream(true)
    def repo = System.getProperty('maven.repo.local')
    if (repo) {
        pb.environment().put('MAVEN_ARGS', "-Dmaven.repo.local=${repo}".toString())
    }
    return pb
}

/**
 * The project's tuning report (target/tuning/report.json, from make tune) for one function: asserts that every memory
 * size was measured with {@code calls} invocations and without errors, that a winner was picked among them, and that
 * report.html was written beside it. Returns the function's entry.
 */
Map tunedFunction(File projectDir, String logicalId, List<Integer> powers, int calls) {
    def dir = new File(projectDir, 'target/tuning')
    assert new File(dir, 'report.html').length() > 0 : "no report.html in ${dir}"
    def report = new groovy.json.JsonSlurper().parse(new File(dir, 'report.json'))
    def function = report.functions.find { it.function == logicalId }
    assert function != null : "${logicalId} is not in the report: ${report.functions*.function}"
    assert function.stats*.power == powers
    assert function.stats*.invocations == [calls] * powers.size()
    assert function.stats.every { it.errors == 0 } : "errors in ${function.stats}"
    assert function.power in powers && function.winners.balanced.power == function.power
    assert !function.containsKey('failure')
    return function
}

/**
 * Starts `make local PORT=<free port>` in the project in a process group of its own (setsid), as a user's terminal
 * would, and waits until the local Lambda prints that it listens. Returns what {@link #invoke} and {@link #stopLocal}
 * take: the process, its group, its port and its output so far. On failure to start, stops what did start.
 */
Map startLocal(File projectDir, List<String> variables = [], int timeoutSeconds = 300) {
    int port = new ServerSocket(0).withCloseable { it.localPort }
    def process = makeProcess(projectDir, ['setsid', 'make', '--no-print-directory', 'local', "PORT=${port}".toString()] + variables).start()
    def output = new StringBuffer()
    process.consumeProcessOutput(output, output)
    // setsid makes its own process the leader of a new group just after it starts; until then, signalling the group
    // would signal this build's.
    long started = System.nanoTime()
    while (processGroup(process.pid()) != process.pid() && process.alive && System.nanoTime() - started < 10_000_000_000L) {
        Thread.sleep(50)
    }
    assert processGroup(process.pid()) == process.pid() : "setsid did not give make local a process group of its own:\n${output}"
    def local = [process: process, pgid: process.pid(), port: port, output: output, projectDir: projectDir]
    String ready = "Local Lambda listening on http://127.0.0.1:${port}"
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L
    while (!output.toString().contains(ready)) {
        if (!process.alive || System.nanoTime() > deadline) {
            stopLocal(local)
            assert false : "make local did not start within ${timeoutSeconds} s (exit ${process.alive ? 'none' : process.exitValue()}):\n${output}"
        }
        Thread.sleep(250)
    }
    return local
}

/** Invokes a function of a started make local through the AWS SDK's Lambda client; returns the SDK's response. */
def invoke(Map local, String functionName, String payload) {
    def lambda = software.amazon.awssdk.services.lambda.LambdaClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:${local.port}"))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create('local', 'local')))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()
    try {
        return lambda.invoke(software.amazon.awssdk.services.lambda.model.InvokeRequest.builder().functionName(functionName)
                .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String(payload)).build())
    } finally {
        lambda.close()
    }
}

/**
 * Stops a make local as Ctrl-C in its terminal would end it, by signalling its whole process group (make, Maven's
 * JVM, DynamoDB Local, the execution environments); kills what is left after 60 s. Asserts that the group is gone and
 * that no process of the project is left running anywhere.
 */
void stopLocal(Map local) {
    int pgid = local.pgid
    ['kill', '-TERM', '--', "-${pgid}".toString()].execute().waitFor()
    long deadline = System.nanoTime() + 60_000_000_000L
    while (!groupMembers(pgid).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(250)
    }
    def lingering = groupMembers(pgid)
    if (!lingering.isEmpty()) {
        ['kill', '-KILL', '--', "-${pgid}".toString()].execute().waitFor()
    }
    local.process.waitFor()
    assert lingering.isEmpty() : "processes of make local still ran 60 s after SIGTERM (killed): ${lingering}\n${local.output}"
    String path = local.projectDir.canonicalPath
    def strays = processes().findAll { it.value.cmdline.contains(path) }
    assert strays.isEmpty() : "processes of ${path} still running after make local stopped: ${strays}"
}

/** Every process's group and command line, from /proc. */
Map<Long, Map> processes() {
    Map<Long, Map> all = [:]
    new File('/proc').eachFileMatch(~/[0-9]+/) { dir ->
        try {
            // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
            String stat = new File(dir, 'stat').text
            long pgid = stat.substring(stat.lastIndexOf(')') + 2).split(' ')[2].toLong()
            String cmdline = new File(dir, 'cmdline').text.replace('\u0000' as char, ' ' as char).trim()
            all[dir.name.toLong()] = [pgid: pgid, cmdline: cmdline]
        } catch (IOException gone) {
            // It ended while being read.
        }
    }
    return all
}

long processGroup(long pid) {
    return processes()[pid]?.pgid ?: -1
}

List<String> groupMembers(long pgid) {
    return processes().findAll { it.value.pgid == pgid }.collect { "${it.key} ${it.value.cmdline}".toString() }
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
