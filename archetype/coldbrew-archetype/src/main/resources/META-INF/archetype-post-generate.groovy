// Runs after coldbrew-archetype has written the project: checks every property (batch mode does not apply
// validationRegex), then finishes the files Velocity cannot: dot-file names, executable bits, and the first
// function's resources in template.yaml.
def loader = Thread.currentThread().contextClassLoader
def generation = new GroovyShell(getClass().classLoader).parse(loader.getResource('META-INF/coldbrew/generation.groovy').text)

File projectDir = new File(request.outputDirectory, request.artifactId)
Map<String, String> values = request.properties.collectEntries { k, v -> [(k.toString()): v?.toString()] }

def problems = generation.problems(values, [
        functionName: generation.functionNameRule(),
        package     : generation.packageRule(),
        javaVersion : ['25', '21'],
        architecture: ['x86_64', 'arm64'],
        memorySize  : 128..10240,
        coldStart   : ['snapstart', 'provisioned', 'none'],
        httpClient  : ['urlconnection', 'crt'],
        awsService  : ['dynamodb', 's3', 'sqs', 'none'],
        packaging   : ['zip', 'image'],
        functionClass  : [pattern: /[A-Z][A-Za-z0-9]*/, description: 'a Java class name prefix (derived from functionName by default)'],
        functionPackage: [pattern: /[a-z][a-z0-9]*/, description: 'a one-word package name (derived from functionName by default)'],
])
// An image ships its own JVM with an AOT cache trained on the exemplar (JDK 25), built from this machine's
// x86_64 JDK and libraries; Lambda has no SnapStart for images.
if (values.packaging == 'image') {
    if (values.javaVersion != '25') problems << "packaging=image needs javaVersion=25 (the AOT cache is a JDK 25 feature), not ${values.javaVersion}".toString()
    if (values.architecture != 'x86_64') problems << "packaging=image needs architecture=x86_64 (images are built for x86_64 only), not ${values.architecture}".toString()
    if (values.coldStart == 'provisioned') problems << "packaging=image takes coldStart=none (the trained AOT cache is its cold-start strategy), not provisioned".toString()
}
generation.failIf(problems) { projectDir.deleteDir() }
if (values.packaging == 'image' && values.coldStart == 'snapstart') {
    // The default coldStart; Lambda has no SnapStart for images, so the template leaves it out.
    println "packaging=image: the function starts on demand with its AOT cache (Lambda has no SnapStart for container images)"
}

new File(projectDir, 'gitignore').renameTo(new File(projectDir, '.gitignore'))
generation.makeExecutable(projectDir, ['mvnw', 'build/find-jdk.sh'])
generation.tidyPom(new File(projectDir, 'pom.xml'))
generation.spliceFragment(projectDir, new File(projectDir, values.functionName))
if (values.packaging != 'image') {
    new File(projectDir, "${values.functionName}/src/image").deleteDir()
}
