// awsService=none, functionName=order-history: no SDK service, no policy, and kebab-case naming.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
def function = template.Resources.OrderHistoryFunction
assert function.Properties.Handler == 'com.example.app.orderhistory.OrderHistoryHandler::handleRequest'
assert !function.Properties.containsKey('Policies') && !function.Properties.containsKey('Environment')
assert !template.Resources.keySet().any { it.startsWith('App') }
def jars = checks.layerJars(projectDir)
assert jars.any { it.startsWith('coldbrew-runtime-') }
assert !jars.any { it.startsWith('dynamodb-') || it.startsWith('sdk-core-') }
assert new File(projectDir, 'Makefile').text.contains('module_OrderHistoryFunction := order-history')
assert checks.testsPassed(new File(projectDir, 'order-history')) > 0
