/**
 * Leaflet, set up once for an app that makes no request to any other host:
 * - Leaflet's stylesheet is bundled by Vite (its url() images, the layers-control and default-marker
 *   PNGs, become files of our own build or inline data URIs: no other host is asked);
 * - the default marker icon (L.Icon.Default, which looks for marker-icon.png through a probe element's
 *   CSS) is replaced by a plain divIcon, so a marker created without an icon never loads an image;
 * - our own map styles (markers, clusters, drawing) follow Leaflet's.
 * Import this module (MapCanvas does) before creating a map.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';

/** A marker without an icon of its own: a small dot, no image. */
export const PLAIN_ICON = L.divIcon({ className: 'lw-plain-marker', html: '', iconSize: [14, 14] });

L.Marker.prototype.options.icon = PLAIN_ICON;
// Nothing may ask for the default icon's images, even by accident: no probe element for its path, and
// an explicit `new L.Icon.Default()` draws the plain dot too.
L.Icon.Default.imagePath = '';
L.Icon.Default.prototype.createIcon = (oldIcon?: HTMLElement) => PLAIN_ICON.createIcon(oldIcon);
L.Icon.Default.prototype.createShadow = () => null as unknown as HTMLElement;

export { L };
