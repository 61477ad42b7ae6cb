/**
 * Registrable domains of free-mail providers and consumer ISPs: an address at one of them says nothing about the
 * person's company, so it never identifies nor creates one. Curated from the largest providers by region; kept as
 * data, one domain per entry, so adding one is a one-line change.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(
  `
  gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de yahoo.es yahoo.it yahoo.ca yahoo.com.au yahoo.co.in
  yahoo.co.jp yahoo.com.br ymail.com rocketmail.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de hotmail.es
  hotmail.it outlook.com outlook.fr outlook.de outlook.es live.com live.co.uk live.fr live.de live.nl msn.com
  windowslive.com passport.com aol.com aim.com icloud.com me.com mac.com protonmail.com protonmail.ch proton.me pm.me
  tutanota.com tuta.io fastmail.com fastmail.fm hey.com zoho.com zohomail.com mail.com email.com gmx.com gmx.net gmx.de
  gmx.at gmx.ch web.de freenet.de t-online.de arcor.de posteo.de mailbox.org mail.ru inbox.ru list.ru bk.ru yandex.ru
  yandex.com ya.ru rambler.ru qq.com 163.com 126.com yeah.net sina.com sina.cn sohu.com aliyun.com foxmail.com
  naver.com daum.net hanmail.net nate.com rediffmail.com libero.it virgilio.it alice.it tiscali.it tin.it
  orange.fr wanadoo.fr free.fr sfr.fr laposte.net neuf.fr club-internet.fr bbox.fr numericable.fr
  btinternet.com sky.com virginmedia.com talktalk.net ntlworld.com blueyonder.co.uk tiscali.co.uk
  comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net charter.net earthlink.net optonline.net
  frontier.com windstream.net juno.com netzero.net roadrunner.com rr.com centurylink.net q.com
  shaw.ca rogers.com sympatico.ca telus.net videotron.ca bigpond.com bigpond.net.au optusnet.com.au
  telenet.be skynet.be ziggo.nl kpnmail.nl planet.nl home.nl xs4all.nl hetnet.nl bluewin.ch sunrise.ch
  telia.com online.no seznam.cz centrum.cz wp.pl o2.pl onet.pl interia.pl terra.com.br uol.com.br bol.com.br
  ig.com.br hotmail.com.br outlook.com.br prodigy.net.mx yahoo.com.mx
  `
    .split(/\s+/)
    .filter(Boolean),
);
