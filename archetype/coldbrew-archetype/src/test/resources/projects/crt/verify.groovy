// httpClient=crt: the CRT client and the x86_64 native jar in the layer, selected by COLDBREW_HTTP_CLIENT.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
assert template.Globals.Function.Environment.Variables.COLDBREW_HTTP_CLIENT == 'crt'
def jars = checks.layerJars(projectDir)
assert jars.any { it.startsWith('aws-crt-client-') }
assert jars.findAll { it.startsWith('aws-crt-0') } == [jars.find { it ==~ /aws-crt-[0-9.]+-linux-x86_64\.jar/ }]
assert checks.testsPassed(new File(projectDir, 'hello')) > 0
