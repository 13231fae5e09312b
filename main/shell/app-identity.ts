/** Windows shows the app's notifications under this identity (the installer's appId). */
export const appUserModelId = 'fr.collectivites.chorus-pro-echanges';

export const appTitle = 'Chorus Pro Echanges';
