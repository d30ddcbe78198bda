// coldStart=none, awsService=s3: neither SnapStart nor provisioned concurrency; S3 object access on one bucket.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
def function = template.Resources.HelloFunction
assert !function.Properties.containsKey('SnapStart') && !function.Properties.containsKey('ProvisionedConcurrencyConfig')
assert !template.Resources.any { it.value.Type.startsWith('AWS::ApplicationAutoScaling::') }
assert !template.containsKey('Parameters')
assert function.Properties.Policies[0].Statement[0].Action == ['s3:GetObject', 's3:PutObject']
assert function.Properties.Policies[0].Statement[0].Resource == ['Fn::Sub': '${AppBucket.Arn}/*']
assert template.Resources.AppBucket.Type == 'AWS::S3::Bucket' && !template.Resources.containsKey('AppTable')
def jars = checks.layerJars(projectDir)
assert jars.any { it.startsWith('s3-') } && !jars.any { it.startsWith('dynamodb-') }
assert checks.testsPassed(new File(projectDir, 'hello')) >= 11
