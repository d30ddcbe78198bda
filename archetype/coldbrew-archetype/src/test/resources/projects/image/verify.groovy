// packaging=image alone (on demand, the default coldStart; dynamodb): the function as a container image with an AOT cache trained on
// its exemplar. Where this runs as root on x86_64, `make images` builds the image tarball, trains it on the
// local Lambda and checks the trained image uses its cache, and make tune then tunes the image; elsewhere those steps
// are skipped with a note.
// The archetype plugin binds `context` (projectDir: the generated project) and `basedir` (this folder).
File projectDir = context.projectDir
def checks = new GroovyShell(getClass().classLoader).parse(new File(projectDir, "../../../checks.groovy"))
def template = checks.template(projectDir)
checks.keepsTemplateRules(projectDir, template)
checks.cfnLint(projectDir)

// template.yaml: an image function deployed from a parameter, left out of the stack while it is empty.
def function = template.Resources.HelloFunction
assert function.Condition == 'HasHelloImage'
assert template.Conditions.HasHelloImage == ['Fn::Not': [['Fn::Equals': [[Ref: 'HelloImageUri'], '']]]]
assert template.Parameters.HelloImageUri.Default == ''
assert function.IgnoreGlobals == ['Runtime', 'CodeUri', 'Layers', 'Architectures']
assert function.Properties.PackageType == 'Image' && function.Properties.ImageUri == [Ref: 'HelloImageUri']
assert function.Properties.Architectures == ['x86_64']
// SAM refuses Runtime, Handler and Layers on an image function; no SnapStart for images; not built by sam build.
['Handler', 'Runtime', 'Layers', 'SnapStart', 'ProvisionedConcurrencyConfig'].each { assert !function.Properties.containsKey(it) }
assert !function.containsKey('Metadata')
assert template.Outputs.HelloFunctionAlias.Condition == 'HasHelloImage'
assert function.Properties.Environment.Variables.TABLE_NAME == [Ref: 'AppTable']

// The image build: Jib on scratch, ImageRoot, training and its check, in the function's `image` profile.
def pom = new groovy.xml.XmlSlurper().parse(new File(projectDir, 'hello/pom.xml'))
def profile = pom.profiles.profile.find { it.id.text() == 'image' }
assert profile.size() == 1
def executions = profile.build.plugins.plugin.executions.execution.collectEntries { [(it.id.text()): it.phase.text()] }
assert executions == ['image-classpath': 'prepare-package', 'image-jars': 'prepare-package', 'image-root': 'package',
                      'image-training': 'pre-integration-test', 'image-verify': 'post-integration-test',
                      'image-tar': 'package', 'image-tar-trained': 'integration-test']
def jib = profile.build.plugins.plugin.find { it.artifactId.text() == 'jib-maven-plugin' }
assert jib.configuration.from.image.text() == 'scratch'
assert jib.configuration.container.args.arg.text() == 'com.example.app.hello.HelloHandler::handleRequest'
def verifyArgs = profile.build.plugins.plugin.executions.execution.find { it.id.text() == 'image-verify' }.configuration.arguments.argument*.text()
assert verifyArgs.containsAll(['--verify', 'HelloFunction', 'HelloImageUri=local', 'com.example.app.hello.HelloHandler'])
assert profile.dependencies.dependency.find { it.artifactId.text() == 'shared-layer' }.scope.text() == 'compile'
assert new File(projectDir, 'hello/src/image/untrained/opt/coldbrew/jvm.args').text.trim() == ''
assert new File(projectDir, 'hello/src/image/trained/opt/coldbrew/jvm.args').text.trim() == '-XX:AOTCache=/opt/coldbrew/function.aot'
def rootPom = new File(projectDir, 'pom.xml').text
assert rootPom.contains('<artifactId>coldbrew-images</artifactId>') && rootPom.contains('<artifactId>jib-maven-plugin</artifactId>')

// Without the profile the project builds and tests as a zip project does.
assert checks.testsPassed(new File(projectDir, 'hello')) >= 11
assert checks.layerJars(projectDir).any { it.startsWith('dynamodb-') }

// `make images` refuses other architectures plainly.
def refused = checks.make(projectDir, 'images', ['ARCH=aarch64'], 2)
assert refused.contains('x86_64 images only')

boolean root = ['id', '-u'].execute().text.trim() == '0'
boolean x86 = System.getProperty('os.arch') in ['amd64', 'x86_64']
if (root && x86) {
    // The generated project's `make test` builds the image and checks it uses its cache (through make images).
    def built = checks.make(projectDir, 'test')
    def tar = new File(projectDir, 'target/images/HelloFunction/image.tar')
    assert tar.isFile() && tar.length() > 10_000_000 : "no image tarball: ${built}"
    assert built.contains('target/images/HelloFunction/image.tar')
    assert built.contains('AOT cache in use') : built
    // The training run wrote the cache the trained image ships; image-verify (post-integration-test) already
    // ran the trained image on the local Lambda with the exemplar and failed the build unless it used the cache.
    assert new File(projectDir, 'hello/target/image-aot/opt/coldbrew/function.aot').length() > 1_000_000
    def listing = ['tar', '-tf', tar.path].execute().text
    assert listing.contains('manifest.json')

    // Built, the image is one of make tune's functions: make build links it under target/lambda and the Makefile sets
    // HelloImageUri (without both, the template leaves the function out and there is nothing to tune).
    checks.make(projectDir, 'tune', ['POWER=1024', 'NUM=1'])
    assert new File(projectDir, 'target/lambda/HelloFunction/image.tar').canonicalFile == tar.canonicalFile
    checks.tunedFunction(projectDir, 'HelloFunction', [1024], 1)
} else {
    println "make images skipped: it needs root (the training run uses a chroot) on x86_64; this is uid ${['id', '-u'].execute().text.trim()} on ${System.getProperty('os.arch')}"
    // Without the image, make build says why make local and make tune leave the function out.
    assert checks.make(projectDir, 'build').contains('HelloFunction is a container image: make local and make tune leave it out')
    assert !new File(projectDir, 'target/lambda/HelloFunction/image.tar').exists()
}

// The image's constraints are checked at generation, with the reason.
def refusal = checks.generationRefusal(projectDir, [groupId: 'com.example', artifactId: 'bad', version: '1', package: 'com.example',
        functionName: 'hello', javaVersion: '21', architecture: 'arm64', memorySize: '1024', coldStart: 'provisioned',
        httpClient: 'urlconnection', awsService: 'none', packaging: 'image', functionClass: 'Hello', functionPackage: 'hello'])
['packaging=image needs javaVersion=25', 'packaging=image needs architecture=x86_64', 'packaging=image takes coldStart=none'].each {
    assert refusal?.contains(it) : "message lacks '${it}': ${refusal}"
}
println 'image: checked'
