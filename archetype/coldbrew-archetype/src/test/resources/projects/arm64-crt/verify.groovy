// architecture=arm64 with CRT: arm64 everywhere, and the aarch_64 native CRT jar in the layer.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
assert template.Globals.Function.Architectures == ['arm64']
assert template.Resources.SharedLayer.Properties.CompatibleArchitectures == ['arm64']
def jars = checks.layerJars(projectDir)
assert jars.any { it ==~ /aws-crt-[0-9.]+-linux-aarch_64\.jar/ } && !jars.any { it.contains('x86_64') }
assert checks.testsPassed(new File(projectDir, 'hello')) > 0
