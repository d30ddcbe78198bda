import groovy.json.JsonSlurper

// The tuner measured both sizes of the one function, with its DynamoDB table in DynamoDB Local and the
// bucket named as something to point at an endpoint of one's own.
def report = new File(basedir, 'target/tuning/report.json')
assert report.isFile()
def tiny = new JsonSlurper().parse(report).functions.find { it.function == 'TinyFunction' }
assert tiny != null
assert tiny.stats*.power == [512, 1024]
assert tiny.stats*.invocations == [2, 2]

def log = new File(basedir, 'build.log').text
assert log.contains('AppBucket (AWS::S3::Bucket) does not run locally')
assert log.contains('-Dcoldbrew.env=AWS_ENDPOINT_URL_S3=')
assert !log.contains('AppTable (AWS::DynamoDB::Table) does not run locally')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
