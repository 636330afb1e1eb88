// The S3 stand-in's own process: s3rver on 127.0.0.1 with the bucket the tests use, its port printed once
// listening. A process of its own so that the tests can stop it as a bucket goes away, and so that it may
// run with OpenSSL's legacy provider: s3rver makes its listing continuation tokens with DES.
//   node --openssl-legacy-provider test/support/s3rver-process.mjs <folder> <port> <bucket>
import S3rver from 's3rver';

const [directory, port, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const address = await server.run();
process.stdout.write(`${address.port}\n`);
process.on('SIGTERM', () => process.exit(0));
