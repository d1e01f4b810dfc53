/**
 * Camera scanning through the browser's own BarcodeDetector (Chrome on Android and ChromeOS, Safari on
 * iPadOS 17+): no barcode library is shipped. Where the browser has none, the page offers no camera.
 */
interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}

type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorInstance;

/** What device ids and erasure certificates are printed as. */
const FORMATS = ['code_128', 'code_39', 'ean_13', 'qr_code', 'data_matrix'];
const DETECT_EVERY_MS = 250;

function detectorClass(): BarcodeDetectorConstructor | undefined {
  return (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
}

export function cameraAvailable(): boolean {
  return detectorClass() !== undefined && navigator.mediaDevices?.getUserMedia !== undefined;
}

/**
 * Shows the back camera in `video` until a code is read (handed to `onCode`) or the returned stop is
 * called; the camera is released either way.
 */
export async function readWithCamera(
  video: HTMLVideoElement,
  onCode: (code: string) => void,
): Promise<() => void> {
  const Detector = detectorClass();
  if (!Detector) throw new Error('BarcodeDetector is not available');
  const detector = new Detector({ formats: FORMATS });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  await video.play();
  let stopped = false;
  const stop = () => {
    stopped = true;
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  const look = async (): Promise<void> => {
    if (stopped) return;
    const [code] = await detector.detect(video).catch(() => []);
    if (code && !stopped) {
      stop();
      onCode(code.rawValue);
      return;
    }
    window.setTimeout(() => void look(), DETECT_EVERY_MS);
  };
  void look();
  return stop;
}
