// The licence badge of an image: expired, ending soon, or when it ends; nothing for a licence without end.
import { describeLicence, type LicenceState } from '../rights.js';

export function LicenceNote(props: { state: LicenceState; expiresAt: string | null; now: Date }) {
  if (props.state === 'unlimited') return null;
  const kind = props.state === 'expired' ? 'bad' : props.state === 'expiring' ? 'warn' : 'plain';
  return <p class={`licence licence-${kind}`}>{describeLicence(props.expiresAt, props.now)}</p>;
}
