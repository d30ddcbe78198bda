// Checks shared by the archetype integration tests' verify.groovy scripts (copied to
// target/test-classes/projects/checks.groovy). Each verify.groovy loads it with GroovyShell.parse.
import org.yaml.snakeyaml.LoaderOptions
import org.yaml.snakeyaml.Yaml
import org.yaml.snakeyaml.constructor.AbstractConstruct
import org.yaml.snakeyaml.constructor.SafeConstructor
import org.yaml.snakeyaml.nodes.Node
import org.yaml.snakeyaml.nodes.ScalarNode
import org.yaml.snakeyaml.nodes.Tag

/** template.yaml as maps and lists; CloudFormation short forms become "!Ref X" style strings. */
Map template(File projectDir) {
    def constructor = new SafeConstructor(new LoaderOptions())
    ['!Ref', '!Sub', '!GetAtt'].each { String name ->
        constructor.@yamlConstructors.put(new Tag(name), new AbstractConstruct() {
            Object construct(Node node) {
                return name + ' ' + ((ScalarNode) node).value
            }
        })
    }
    return new Yaml(constructor).load(new File(projectDir, 'template.yaml').text) as Map
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
