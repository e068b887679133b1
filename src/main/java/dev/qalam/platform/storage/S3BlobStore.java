package dev.qalam.platform.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects in an S3-compatible bucket (AWS, MinIO, Ceph, OCI, R2...). A PUT or a completed
 * multipart upload replaces an object atomically, so readers never see half a blob; {@link #url} is a
 * presigned GET that the object store itself checks and expires, so the server is not on the download path.
 *
 * <p>Streams are uploaded in parts of {@code partSize} bytes: at most one part is held in memory, the
 * {@code maxBytes} limit is checked before each part is sent, and an upload that breaks it (or fails) is
 * aborted, which leaves no object and no stored parts behind. A stream that fits in one part is a single PUT.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class.getName());

    /** S3's smallest part (except the last one). */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** S3 refuses presigned URLs that live longer than a week (SigV4). */
    static final Duration MAX_URL_TTL = Duration.ofDays(7);
    /** DeleteObjects takes at most this many keys per call. */
    private static final int DELETE_BATCH = 1000;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final S3Settings settings;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final int partSize;

    public S3BlobStore(S3Settings settings) {
        this(settings, DEFAULT_PART_SIZE);
    }

    S3BlobStore(S3Settings settings, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size below S3's minimum of " + MIN_PART_SIZE);
        }
        this.settings = settings;
        this.partSize = partSize;
        AwsCredentialsProvider credentials = settings.accessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(settings.region());
        // The JDK's own HttpURLConnection: a few hundred KB instead of Netty or Apache HttpClient.
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        S3ClientBuilder client = S3Client.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
            presign.endpointOverride(settings.endpoint());
            // The SDK's default CRC trailers (aws-chunked uploads) are not understood by every S3-compatible
            // store; checksums are then sent only where the API requires them, as older SDKs did.
            client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    public S3Settings settings() {
        return settings;
    }

    /**
     * Whether the bucket exists and these credentials reach it. Logs a clear error when not: buckets are
     * created by the operator (with their policy and lifecycle), never by the server.
     */
    public boolean checkBucket() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            LOG.info(() -> "Blob store: " + settings);
            return true;
        } catch (NoSuchBucketException e) {
            LOG.severe(() -> "Blob store: the bucket '" + settings.bucket() + "' (" + S3Settings.BUCKET
                    + ") does not exist at " + where() + ". Create it; Qalam does not create buckets. "
                    + "Uploads and downloads fail until it exists.");
        } catch (S3Exception e) {
            LOG.severe(() -> "Blob store: the bucket '" + settings.bucket() + "' at " + where()
                    + " cannot be used (HTTP " + e.statusCode() + (e.statusCode() == 404 ? ": no such bucket"
                    : e.statusCode() == 403 ? ": access denied, check the credentials and bucket policy" : "")
                    + "). " + settings);
        } catch (SdkException e) {
            LOG.log(Level.SEVERE, "Blob store: cannot reach " + where() + " (" + e.getMessage() + "). " + settings, e);
        }
        return false;
    }

    private String where() {
        return settings.endpoint() == null ? "AWS S3 region " + settings.region() : settings.endpoint().toString();
    }

    private String objectKey(String key) {
        return settings.prefix() + BlobKeys.check(key);
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        String k = objectKey(key);
        call("put", key, () -> s3.putObject(r -> r.bucket(settings.bucket()).key(k).contentType(type(contentType)),
                RequestBody.fromBytes(bytes)));
    }

    @Override
    public long put(String key, InputStream in, String contentType, long maxBytes) throws IOException {
        String k = objectKey(key);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0");
        }
        // One byte beyond the limit is enough to know it is broken; a small limit needs no full part.
        byte[] buf = new byte[(int) Math.min(partSize, maxBytes + 1)];
        int n = in.readNBytes(buf, 0, buf.length);
        if (n > maxBytes) {
            throw new BlobTooLargeException(maxBytes);
        }
        if (n < buf.length) {
            call("put", key, () -> s3.putObject(r -> r.bucket(settings.bucket()).key(k).contentType(type(contentType))
                    .contentLength((long) n), RequestBody.fromInputStream(new ByteArrayInputStream(buf, 0, n), n)));
            return n;
        }
        return multipart(key, k, in, contentType, maxBytes, buf, n);
    }

    private long multipart(String key, String k, InputStream in, String contentType, long maxBytes,
                           byte[] first, int firstLength) throws IOException {
        String uploadId = call("start upload of", key, () -> s3.createMultipartUpload(r -> r.bucket(settings.bucket())
                .key(k).contentType(type(contentType)))).uploadId();
        boolean completed = false;
        try {
            // Only a full first buffer gets here, and a full one is a whole part.
            byte[] buf = first;
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int n = firstLength;
            while (true) {
                total += n;
                if (total > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                int partNumber = parts.size() + 1;
                int length = n;
                String etag = call("upload part of", key, () -> s3.uploadPart(r -> r.bucket(settings.bucket()).key(k)
                        .uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buf, 0, length), length))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                // Never read more than one byte past the limit, whatever the part size.
                n = in.readNBytes(buf, 0, (int) Math.min(partSize, maxBytes - total + 1));
                if (n == 0) {
                    break;
                }
            }
            call("complete upload of", key, () -> s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(k)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            completed = true;
            return total;
        } finally {
            if (!completed) {
                abort(k, uploadId);
            }
        }
    }

    private void abort(String k, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(k).uploadId(uploadId));
        } catch (SdkException e) {
            // The bucket's lifecycle rule for incomplete uploads is the backstop (docs/storage.md).
            LOG.log(Level.WARNING, "Could not abort the multipart upload " + uploadId + " of " + k, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        String k = objectKey(key);
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(settings.bucket()).key(k));
            return Optional.of(in);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        String k = objectKey(key);
        try {
            s3.headObject(r -> r.bucket(settings.bucket()).key(k));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            // HEAD has no body, so a missing key is only a bare 404.
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("check", key, e);
        } catch (SdkException e) {
            throw failure("check", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String k = objectKey(key);
        call("delete", key, () -> s3.deleteObject(r -> r.bucket(settings.bucket()).key(k)));
    }

    /**
     * Deletes the object named {@code prefix} and every object under {@code prefix/}, a page of the
     * listing at a time: {@code a/b} never touches {@code a/bc}.
     */
    @Override
    public void deletePrefix(String prefix) throws IOException {
        String p = BlobKeys.checkPrefix(prefix);
        String k = settings.prefix() + p;
        call("delete", p, () -> s3.deleteObject(r -> r.bucket(settings.bucket()).key(k)));
        String folder = k + "/";
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(r -> r.bucket(settings.bucket())
                    .prefix(folder).maxKeys(DELETE_BATCH))) {
                List<ObjectIdentifier> ids = new ArrayList<>();
                for (S3Object o : page.contents()) {
                    ids.add(ObjectIdentifier.builder().key(o.key()).build());
                }
                if (ids.isEmpty()) {
                    continue;
                }
                DeleteObjectsResponse r = s3.deleteObjects(d -> d.bucket(settings.bucket())
                        .delete(del -> del.objects(ids).quiet(true)));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    throw new IOException("S3 could not delete " + r.errors().size() + " objects under " + p
                            + ", e.g. " + r.errors().get(0).key() + ": " + r.errors().get(0).message());
                }
            }
        } catch (SdkException e) {
            throw failure("delete", p + "/", e);
        }
    }

    @Override
    public URI url(String key, Duration ttl, URI baseUri) {
        String k = objectKey(key);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_URL_TTL) > 0) {
            throw new IllegalArgumentException("A presigned URL lives between 1 second and 7 days, not " + ttl);
        }
        try {
            return presigner.presignGetObject(r -> r.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(settings.bucket()).key(k))).url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean isObjectStore() {
        return true;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private static String type(String contentType) {
        return contentType == null || contentType.isBlank() ? DEFAULT_TYPE : contentType;
    }

    private interface S3Call<T> {
        T run();
    }

    /** Runs one SDK call, turning its unchecked failures into the {@link IOException} the port declares. */
    private static <T> T call(String what, String key, S3Call<T> c) throws IOException {
        try {
            return c.run();
        } catch (SdkException e) {
            throw failure(what, key, e);
        }
    }

    private static IOException failure(String what, String key, SdkException e) {
        return new IOException("S3 could not " + what + " " + key + ": " + e.getMessage(), e);
    }
}
