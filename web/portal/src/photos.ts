/**
 * Photos are made smaller on the phone before upload (a 12-megapixel photo is 4–8 MB; 1600 px on the
 * long side is plenty for a pothole and uploads in seconds on 3G). The canvas re-encode also drops the
 * photo's metadata; the API strips it again on the server whatever the client does.
 */
export const MAX_SIDE = 1600;
const QUALITY = 0.82;

export async function downscale(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))),
      'image/jpeg',
      QUALITY,
    ),
  );
}

/**
 * Where the photo says it was taken, read from the original file before it is downscaled (which drops
 * EXIF). Only when the citizen asked for it; exifr is loaded then and not before.
 */
export async function photoLocation(file: File): Promise<{ lat: number; lng: number } | undefined> {
  const { gps } = await import('exifr');
  const found = await gps(file).catch(() => undefined);
  if (!found || !Number.isFinite(found.latitude) || !Number.isFinite(found.longitude)) return undefined;
  return { lat: found.latitude, lng: found.longitude };
}
