import { Injectable } from '@nestjs/common';
import { OrganisationService } from '../../organisation/organisation.service';
import { CampaignMaterial, renderCampaignMaterial } from './campaign-material';

// A public route that renders a PDF: the few files asked for are kept, so a burst of downloads
// costs one rendering each. The origin may come from the request's Host (without PUBLIC_URL),
// hence a small bound rather than a file per origin forever.
const KEPT_FILES = 8;

/** The poster and the leaflet of /espace-syndical, rendered once per material and address. */
@Injectable()
export class CampaignService {
  private readonly files = new Map<string, Promise<Buffer>>();

  constructor(private readonly organisation: OrganisationService) {}

  /** `origin` is the service's address, `https://ij.example.org`: the QR code leads to its /signaler. */
  material(material: CampaignMaterial, origin: string): Promise<Buffer> {
    const key = `${material} ${origin}`;
    let file = this.files.get(key);
    if (file === undefined) {
      file = renderCampaignMaterial(material, {
        identity: this.organisation.identity(),
        formUrl: `${origin}/signaler`,
        privacyUrl: `${origin}/confidentialite`,
      });
      // A failed rendering is not kept: the next request tries again.
      file.catch(() => this.files.delete(key));
      if (this.files.size >= KEPT_FILES) this.files.delete(this.files.keys().next().value!);
      this.files.set(key, file);
    }
    return file;
  }
}
