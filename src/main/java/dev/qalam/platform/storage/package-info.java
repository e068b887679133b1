/**
 * Where uploads, page images and thumbnails live, behind the {@link dev.qalam.platform.storage.BlobStore}
 * port: a folder of the data directory with URLs this server signs ({@code LocalBlobStore},
 * {@code FilesResource}) by default, or an S3-compatible bucket with presigned URLs
 * ({@code S3BlobStore}) when {@code QALAM_S3_BUCKET} is set. Both pass {@code BlobStoreContract} and
 * accept the same keys ({@code BlobKeys}), so a deployment moves from one to the other by copying files.
 * Operator documentation: {@code docs/storage.md}.
 */
package dev.qalam.platform.storage;
