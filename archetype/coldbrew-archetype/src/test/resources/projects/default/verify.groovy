// Defaults: on demand (neither SnapStart nor provisioned concurrency: the advisor's pick for both reference traffic
// profiles, docs/tuning.md), DynamoDB client and table, URLConnection HTTP client, java25, x86_64, function hello.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
def function = template.Resources.HelloFunction
assert function.Type == 'AWS::Serverless::Function'
assert !function.Properties.containsKey('SnapStart')
assert !function.Properties.containsKey('ProvisionedConcurrencyConfig')
assert !template.Resources.any { it.value.Type.startsWith('AWS::ApplicationAutoScaling::') }
assert function.Properties.Handler == 'com.example.app.hello.HelloHandler::handleRequest'
assert function.Properties.MemorySize == 1024
assert function.Metadata.BuildMethod == 'makefile'
assert template.Globals.Function.AutoPublishAlias == 'live'
assert template.Globals.Function.Runtime == 'java25'
assert template.Globals.Function.Architectures == ['x86_64']
assert template.Globals.Function.Environment.Variables.JAVA_TOOL_OPTIONS.contains('TieredStopAtLevel=1')
assert !template.Globals.Function.Environment.Variables.containsKey('COLDBREW_HTTP_CLIENT')
assert template.Resources.SharedLayer.Metadata.BuildMethod == 'makefile'
// Least privilege: the two item calls on the one table.
assert function.Properties.Policies[0].Statement[0].Action == ['dynamodb:GetItem', 'dynamodb:PutItem']
assert function.Properties.Policies[0].Statement[0].Resource == ['Fn::GetAtt': ['AppTable', 'Arn']]
assert template.Resources.AppTable.Type == 'AWS::DynamoDB::Table'

def jars = checks.layerJars(projectDir)
assert jars.any { it.startsWith('coldbrew-runtime-') }
assert jars.any { it.startsWith('dynamodb-') } && jars.any { it.startsWith('url-connection-client-') }
assert !jars.any { it.startsWith('aws-crt') || it.startsWith('apache-client') || it.startsWith('netty') }
assert checks.testsPassed(new File(projectDir, 'hello')) >= 11
assert checks.classMajor(new File(projectDir, 'hello/target/classes/com/example/app/hello/HelloHandler.class')) == 69
def functionJar = new File(projectDir, 'hello/target').listFiles().find { it.name.endsWith('.jar') }
assert functionJar.length() < 20_000 : "the function jar holds only its own classes and exemplar"
assert new File(projectDir, 'mvnw').canExecute() && new File(projectDir, '.gitignore').isFile()
assert !new File(projectDir, 'hello/template-fragment.yaml').exists()
assert new File(projectDir, 'Makefile').text.contains('module_HelloFunction := hello')
// packaging=zip (the default): nothing of the image variant.
assert !new File(projectDir, 'hello/src/image').exists()
assert !new File(projectDir, 'hello/pom.xml').text.contains('<profiles>') && !new File(projectDir, 'pom.xml').text.contains('jib')
assert !(new File(projectDir, 'Makefile').text =~ /(?m)^images:/) && !template.containsKey('Conditions')

// Bad values fail the generation, list the allowed values and leave nothing behind.
def bad = [functionName: 'Bad_Name', javaVersion: '17', architecture: 'sparc', memorySize: '64', coldStart: 'warm',
           httpClient: 'netty', awsService: 'kinesis', packaging: 'tar', package: 'com.example', functionClass: 'BadName',
           functionPackage: 'badname']
def refusal = checks.generationRefusal(projectDir, bad)
assert refusal != null : 'generation with bad values must fail'
['functionName=Bad_Name', 'kebab-case', 'javaVersion=17', 'use one of: 25, 21', 'architecture=sparc', 'x86_64, arm64',
 'memorySize=64', 'from 128 to 10240', 'coldStart=warm', 'snapstart, provisioned, none', 'httpClient=netty',
 'urlconnection, crt', 'awsService=kinesis', 'dynamodb, s3, sqs, none', 'packaging=tar', 'zip, image'].each {
    assert refusal.contains(it) : "message lacks '${it}': ${refusal}"
}

// Markdown headings and Makefile help survive Velocity (## starts a Velocity comment).
def readme = new File(projectDir, 'README.md').text
assert readme.contains('## Add a function') && readme.contains('make add-function NAME=orders')
assert new File(projectDir, 'Makefile').text =~ /(?m)^# test: /

// `make build` assembles what `sam build` would, through the same build-<LogicalId> targets.
def built = checks.make(projectDir, 'build')
assert built =~ /HelloFunction\s+[0-9.]+ KB/ && built =~ /SharedLayer\s+[0-9.]+ KB/
assert new File(projectDir, 'target/lambda/HelloFunction/lib').list().toList() == ['hello-1.0.0-SNAPSHOT.jar']
assert new File(projectDir, 'target/lambda/SharedLayer/java/lib').list().toList().containsAll(jars)

// coldbrew's tools through the generated Makefile and the plugin its pom names, as a new user runs them. make tune:
// two sizes, two calls each, with the function's exemplar event (no PAYLOAD), AppTable in DynamoDB Local.
// The root pom names the plugin at the coldbrew version of the layer's runtime, bound to no phase: the generated
// project's mvn verify (goal.txt) has run and left no tuning report.
def plugin = new groovy.xml.XmlSlurper().parse(new File(projectDir, 'pom.xml')).build.pluginManagement.plugins.plugin
        .find { it.artifactId.text() == 'coldbrew-maven-plugin' }
assert plugin.groupId.text() == 'dev.coldbrew' && plugin.version.text() == '${coldbrew.version}' && plugin.executions.size() == 0
def runtimeJar = jars.find { it.startsWith('coldbrew-runtime-') }
assert new groovy.xml.XmlSlurper().parse(new File(projectDir, 'pom.xml')).properties.'coldbrew.version'.text() ==
        runtimeJar - 'coldbrew-runtime-' - '.jar'
assert !new File(projectDir, 'target/tuning').exists()
def makefile = new File(projectDir, 'Makefile').text
['local', 'tune', 'advise'].each { assert makefile =~ /(?m)^\.PHONY:.* ${it} / && makefile =~ /(?m)^# ${it} / }
def tuned = checks.make(projectDir, 'tune', ['FUNCTIONS=HelloFunction', 'POWER=512,1024', 'NUM=2'])
assert tuned.contains('Reports: ') : tuned
checks.tunedFunction(projectDir, 'HelloFunction', [512, 1024], 2)
// Bad input: the tuner's one-line message through Maven and make, a failed make, no stack trace.
def refused = checks.make(projectDir, 'tune', ['STRATEGY=fastest'], 2)
assert refused.contains("Unknown strategy 'fastest'; use cost, speed or balanced.") : refused
assert !(refused =~ /(?m)^\s+at [\w.$]+\(/) && !refused.contains('Caused by') : "a stack trace: ${refused}"

// make local serves the function under its logical id to the AWS SDK, with its handler's own validation; stopped as
// Ctrl-C would stop it, nothing of it is left running.
def local = checks.startLocal(projectDir)
try {
    def answer = checks.invoke(local, 'HelloFunction', '{"name":"coldbrew"}')
    assert answer.statusCode() == 200 && answer.functionError() == null
    assert new groovy.json.JsonSlurper().parseText(answer.payload().asUtf8String()) == [message: 'Hello, coldbrew!']
    def invalid = checks.invoke(local, 'HelloFunction', '{"name":""}')
    assert invalid.functionError() == 'Unhandled' && invalid.payload().asUtf8String().contains('name is required')
    assert local.output.toString().contains('DynamoDB Local') && local.output.toString().contains('AppTable')
} finally {
    checks.stopLocal(local)
}
