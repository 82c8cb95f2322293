/** S3 event notifications' object keys are URL-encoded, with '+' for spaces. */
export const objectKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));
