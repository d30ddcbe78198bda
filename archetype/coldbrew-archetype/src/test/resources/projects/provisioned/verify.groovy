// coldStart=provisioned: provisioned concurrency with Application Auto Scaling, and no SnapStart.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)
def function = template.Resources.HelloFunction
assert !function.Properties.containsKey('SnapStart')
assert function.Properties.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions == [Ref: 'HelloMinCapacity']
def target = template.Resources.HelloScalableTarget
assert target.Type == 'AWS::ApplicationAutoScaling::ScalableTarget'
assert target.DependsOn == 'HelloFunctionAliaslive'
assert target.Properties.ScalableDimension == 'lambda:function:ProvisionedConcurrency'
assert target.Properties.ResourceId == ['Fn::Sub': 'function:${HelloFunction}:live']
assert target.Properties.MinCapacity == [Ref: 'HelloMinCapacity'] && target.Properties.MaxCapacity == [Ref: 'HelloMaxCapacity']
assert target.Properties.ScheduledActions*.ScalableTargetAction*.MinCapacity == [[Ref: 'HelloBusyHoursMinCapacity'], [Ref: 'HelloMinCapacity']]
def policy = template.Resources.HelloScalingPolicy
assert policy.Properties.PolicyType == 'TargetTrackingScaling'
assert policy.Properties.ScalingTargetId == [Ref: 'HelloScalableTarget']
assert policy.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType == 'LambdaProvisionedConcurrencyUtilization'
assert template.Parameters.keySet() == ['HelloMinCapacity', 'HelloMaxCapacity', 'HelloBusyHoursMinCapacity', 'HelloTargetUtilization'] as Set
assert checks.testsPassed(new File(projectDir, 'hello')) > 0
