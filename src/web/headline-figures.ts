import { Injectable } from '@nestjs/common';
import { html, SafeHtml } from './html';

/**
 * The national headline figures on `/`. Empty until the statistics snapshot exists: the statistics
 * feature fills this in (injecting its service here), never with a placeholder figure.
 */
@Injectable()
export class HeadlineFigures {
  async render(): Promise<SafeHtml> {
    return html``;
  }
}
