// javaVersion=21, awsService=sqs, memorySize=2048, coldStart=snapstart: java21 runtime and bytecode, SendMessage on one
// queue, SnapStart on published versions and no provisioned concurrency.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
assert template.Globals.Function.Runtime == 'java21'
assert template.Resources.SharedLayer.Properties.CompatibleRuntimes == ['java21']
def function = template.Resources.HelloFunction
assert function.Properties.MemorySize == 2048
assert function.Properties.SnapStart == [ApplyOn: 'PublishedVersions']
assert !function.Properties.containsKey('ProvisionedConcurrencyConfig')
assert function.Properties.Policies[0].Statement[0].Action == 'sqs:SendMessage'
assert function.Properties.Environment.Variables.QUEUE_URL == [Ref: 'AppQueue']
assert checks.classMajor(new File(projectDir, 'hello/target/classes/com/example/app/hello/HelloHandler.class')) == 65
assert new File(projectDir, 'pom.xml').text.contains('<maven.compiler.release>21</maven.compiler.release>')
assert checks.layerJars(projectDir).any { it.startsWith('sqs-') }
assert checks.testsPassed(new File(projectDir, 'hello')) >= 11
