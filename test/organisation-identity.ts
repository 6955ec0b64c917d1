/** A complete identity, as a union would configure it (README, "Settings"). */
export const UNION_IDENTITY = {
  ORGANISATION_NAME: 'Union locale des syndicats de Lille',
  ORGANISATION_ADDRESS: '12 rue de la Paix\\n59000 Lille',
  ORGANISATION_EMAIL: 'ij@ul-lille.example',
  ORGANISATION_PHONE: '03 20 00 00 00',
  ORGANISATION_HOURS: 'du lundi au vendredi, 9 h – 17 h',
  ORGANISATION_WEBSITE: 'https://ul-lille.example',
  DPO_CONTACT: 'dpo@ul-lille.example',
  PUBLICATION_DIRECTOR: 'Camille Martin, secrétaire générale',
  HOST_NAME: 'Hébergeur associatif du Nord',
  HOST_ADDRESS: '1 place du Serveur\\n59800 Lille',
  HOST_PHONE: '03 20 11 11 11',
};
