/**
 * `@vidukit/polling/download`: `downloadVideo` to a `WritableStream`, for browsers and edge
 * runtimes. A separate entry so an app that only waits does not carry the downloader (about
 * 3.5 KiB gzipped); `@vidukit/polling/node` has a `downloadVideo` that takes a file path or a
 * stream.
 *
 * @packageDocumentation
 */
export { downloadVideo, type DownloadOptions, type DownloadOutcome, type DownloadProgress, type DownloadRetry } from './download.js';
