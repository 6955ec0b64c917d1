import { unionContactSection } from './union-contact';

describe('unionContactSection', () => {
  it('renders nothing when the instance has no contact', () => {
    expect(unionContactSection(null).value).toBe('');
  });

  it('shows the name, a mailto and tel link, and the hours, escaped', () => {
    const section = unionContactSection({
      name: 'Union locale <CGT> de Rennes',
      email: 'ij@ul-rennes.example.org',
      phone: '02 99 00 00 00',
      hours: 'mardi 14 h – 17 h',
    }).value;
    expect(section).toContain('<h2 id="syndicat-titre">Votre syndicat peut vous aider</h2>');
    expect(section).toContain('Union locale &lt;CGT&gt; de Rennes');
    expect(section).toContain('<a href="mailto:ij@ul-rennes.example.org">ij@ul-rennes.example.org</a>');
    expect(section).toContain('<a href="tel:0299000000">02 99 00 00 00</a>');
    expect(section).toContain('Permanences : mardi 14 h – 17 h');
  });

  it('leaves out the lines the contact does not have', () => {
    const section = unionContactSection({ name: 'Syndicat santé' }).value;
    expect(section).toContain('Syndicat santé');
    expect(section).not.toMatch(/mailto:|tel:|Permanences/);
  });
});
