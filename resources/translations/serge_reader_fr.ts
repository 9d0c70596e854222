<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../serge_reader/pages.py" line="42"/>
        <source>in print in English</source>
        <translation>disponible en anglais</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="43"/>
        <source>out of print</source>
        <translation>épuisé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="44"/>
        <source>lost manuscript</source>
        <translation>manuscrit perdu</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="45"/>
        <source>manuscript confiscated</source>
        <translation>manuscrit confisqué</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="49"/>
        <source>main cast</source>
        <translation>personnage principal</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="49"/>
        <source>supporting</source>
        <translation>personnage secondaire</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="49"/>
        <source>minor</source>
        <translation>personnage de second plan</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="54"/>
        <source>want to read</source>
        <translation>à lire</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="54"/>
        <source>reading</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="54"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="54"/>
        <source>abandoned</source>
        <translation>abandonné</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="54"/>
        <source>started</source>
        <translation>commencé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="55"/>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="55"/>
        <source>quotation</source>
        <translation>citation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="56"/>
        <source>poetry</source>
        <translation>poésie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="56"/>
        <source>essays</source>
        <translation>essais</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="56"/>
        <source>novel</source>
        <translation>roman</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="56"/>
        <source>politics</source>
        <translation>politique</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="56"/>
        <source>pamphlet</source>
        <translation>brochure</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="56"/>
        <source>history</source>
        <translation>histoire</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="57"/>
        <source>memoir</source>
        <translation>mémoires</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="57"/>
        <source>notebooks</source>
        <translation>carnets</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="57"/>
        <source>biography</source>
        <translation>biographie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="57"/>
        <source>letters</source>
        <translation>correspondance</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="58"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="58"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="58"/>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="58"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="58"/>
        <source>Concept</source>
        <translation>Notion</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="59"/>
        <source>Publication</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="59"/>
        <source>Study</source>
        <translation>Étude</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="99"/>
        <source>Spoiler for {title}, about its ending</source>
        <translation>Ce passage dévoile la fin de {title}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="101"/>
        <source>Spoiler for {title} from chapter {chapter}</source>
        <translation>Ce passage dévoile {title} à partir du chapitre {chapter}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="104"/>
        <source>show</source>
        <translation>afficher</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="124"/>
        <source>chapter {chapter} of {title}</source>
        <translation>chapitre {chapter} de {title}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="126"/>
        <source>You have not met this character yet: first seen in {where}.</source>
        <translation>Vous n’avez pas encore rencontré ce personnage&#x202f;; première apparition&#xa0;: {where}.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="129"/>
        <source>Show all the same</source>
        <translation>Afficher quand même</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="139"/>
        <source>Your notes ({count})</source>
        <translation>Vos notes ({count})</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="143"/>
        <source>No notes yet.</source>
        <translation>Pas encore de notes.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="156"/>
        <source>Who&apos;s who</source>
        <translation>Qui est qui</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="156"/>
        <source>Who&apos;s who so far</source>
        <translation>Qui est qui jusqu’ici</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="174"/>
        <source>Relations</source>
        <translation>Relations</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="176"/>
        <location filename="../../serge_reader/entries.py" line="30"/>
        <source>Real-world model</source>
        <translation>Modèle réel</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="192"/>
        <source>Also:</source>
        <translation>Aussi&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="203"/>
        <source>English translations</source>
        <translation>Traductions anglaises</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="219"/>
        <source>On the sources</source>
        <translation>Sur les sources</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="238"/>
        <source>Sources:</source>
        <translation>Sources&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="245"/>
        <source>Not in your reading yet: press P in the reading list to set your page.</source>
        <translation>Pas encore dans vos lectures&#xa0;: appuyez sur P dans la liste de lecture pour indiquer votre page.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="246"/>
        <source>{status}, page {page} of {pages}</source>
        <translation>{status}, page {page} sur {pages}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="252"/>
        <source>chapter {chapter}</source>
        <translation>chapitre {chapter}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="256"/>
        <source>Your reading:</source>
        <translation>Votre lecture&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="262"/>
        <source>Earlier read:</source>
        <translation>Lecture précédente&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="296"/>
        <source>published {year}</source>
        <translation>publié en {year}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="298"/>
        <source>written {year}</source>
        <translation>écrit en {year}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="301"/>
        <source>posthumous</source>
        <translation>posthume</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="303"/>
        <source>{count} pages</source>
        <translation>{count} pages</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="272"/>
        <location filename="../../serge_reader/names.py" line="173"/>
        <source>Character</source>
        <translation>Personnage</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="309"/>
        <source>{title}, from chapter {chapter}</source>
        <translation>{title}, à partir du chapitre {chapter}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="281"/>
        <location filename="../../serge_reader/names.py" line="173"/>
        <source>Life period</source>
        <translation>Période de sa vie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="287"/>
        <source>in the novels</source>
        <translation>dans les romans</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="317"/>
        <source>tr. {name}</source>
        <translation>trad. {name}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="319"/>
        <source>ed. {name}</source>
        <translation>éd. {name}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="323"/>
        <source>{count} pp.</source>
        <translation>{count} p.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="330"/>
        <source>p. {page}</source>
        <translation>p. {page}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="332"/>
        <source>ch. {chapter}</source>
        <translation>chap. {chapter}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="374"/>
        <source>updated {time}</source>
        <translation>modifiée le {time}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="381"/>
        <location filename="../../serge_reader/pages.py" line="382"/>
        <source>Note {number}</source>
        <translation>Note {number}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="390"/>
        <source>“{name}” may mean</source>
        <translation>« {name} » peut désigner</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="399"/>
        <source>Nothing is called that.</source>
        <translation>Rien ne porte ce nom.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="418"/>
        <source>… and {count} more in the notes panel.</source>
        <translation>… et {count} autres dans le panneau des notes.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="428"/>
        <source>Nothing in progress. Choose a work on the left and press P to set your page, or look anything up with Ctrl+K: a person, a place, an organization, a term, or your own notes.</source>
        <translation>Aucune lecture en cours. Choisissez une œuvre à gauche et appuyez sur P pour indiquer votre page, ou consultez ce que vous voulez avec Ctrl+K&#xa0;: une personne, un lieu, une organisation, une notion, ou vos propres notes.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="435"/>
        <source>page {page} of {pages}</source>
        <translation>page {page} sur {pages}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="437"/>
        <source>Currently reading:</source>
        <translation>En cours de lecture&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/pages.py" line="453"/>
        <source>Your notes, by page ({count}):</source>
        <translation>Vos notes, page par page ({count})&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="26"/>
        <source>Written during</source>
        <translation>Écrit pendant</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="27"/>
        <source>Draws on</source>
        <translation>S’inspire de</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="28"/>
        <source>Written in this period</source>
        <translation>Écrit pendant cette période</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="29"/>
        <source>Works drawing on this period</source>
        <translation>Œuvres qui s’inspirent de cette période</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="31"/>
        <source>Characters drawn from this life</source>
        <translation>Personnages inspirés de cette vie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="33"/>
        <source>Life periods</source>
        <translation>Périodes de sa vie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="33"/>
        <source>Works</source>
        <translation>Œuvres</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="33"/>
        <source>Characters</source>
        <translation>Personnages</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="35"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="36"/>
        <source>Places</source>
        <translation>Lieux</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="37"/>
        <source>Organizations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="38"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="39"/>
        <source>Concepts</source>
        <translation>Notions</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="40"/>
        <source>Publications</source>
        <translation>Publications</translation>
    </message>
    <message>
        <location filename="../../serge_reader/entries.py" line="41"/>
        <source>Books about Serge</source>
        <translation>Livres sur Serge</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="48"/>
        <source>January</source>
        <translation>janvier</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="48"/>
        <source>February</source>
        <translation>février</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="48"/>
        <source>March</source>
        <translation>mars</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="48"/>
        <source>April</source>
        <translation>avril</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="48"/>
        <source>May</source>
        <translation>mai</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="48"/>
        <source>June</source>
        <translation>juin</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="49"/>
        <source>July</source>
        <translation>juillet</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="49"/>
        <source>August</source>
        <translation>août</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="49"/>
        <source>September</source>
        <translation>septembre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="49"/>
        <source>October</source>
        <translation>octobre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="49"/>
        <source>November</source>
        <translation>novembre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="49"/>
        <source>December</source>
        <translation>décembre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/timeline.py" line="64"/>
        <source>from {start}</source>
        <translation>à partir de {start}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/search.py" line="410"/>
        <source>also “{name}”</source>
        <translation>aussi « {name} »</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="25"/>
        <source>Markdown folder (Obsidian)</source>
        <translation>Dossier Markdown (Obsidian)</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="26"/>
        <source>JSON (everything, re-importable) (*.json)</source>
        <translation>JSON (tout, réimportable) (*.json)</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="27"/>
        <source>CSV spreadsheet (*.csv)</source>
        <translation>Tableur CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="37"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="129"/>
        <source>Exporting notes…</source>
        <translation>Export des notes…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="130"/>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="141"/>
        <source>The folder %1 already holds Markdown files; notes exported there before will be replaced.</source>
        <translation>Le dossier %1 contient déjà des fichiers Markdown&#x202f;; les notes qui y ont été exportées seront remplacées.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="145"/>
        <source>%1 is a link to another file; that file will be replaced.</source>
        <translation>%1 est un lien vers un autre fichier&#x202f;; ce fichier sera remplacé.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="147"/>
        <source>%1 already exists; it will be replaced.</source>
        <translation>%1 existe déjà&#x202f;; il sera remplacé.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="152"/>
        <source>Replace?</source>
        <translation>Remplacer&#x202f;?</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="169"/>
        <source>Importing notes…</source>
        <translation>Import des notes…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="43"/>
        <source>E-reader annotations (*.txt *.lua *.sqlite *.json *.md);;All files (*)</source>
        <translation>Annotations de liseuse (*.txt *.lua *.sqlite *.json *.md);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="45"/>
        <source>Book</source>
        <translation>Livre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="46"/>
        <location filename="../../serge_reader/names.py" line="173"/>
        <source>Work</source>
        <translation>Œuvre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="47"/>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="48"/>
        <source>Already there</source>
        <translation>Déjà présents</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="49"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="50"/>
        <source>Skipped</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="66"/>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="124"/>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="151"/>
        <source>Import from an e-reader</source>
        <translation>Importer depuis une liseuse</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="84"/>
        <source>— skip this book —</source>
        <translation>— ignorer ce livre —</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="91"/>
        <source>Not sure which work this is: choose one, or skip it</source>
        <translation>Œuvre incertaine&#xa0;: choisissez-la, ou ignorez ce livre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="99"/>
        <source>Take bookmarks in too</source>
        <translation>Importer aussi les signets</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="106"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="129"/>
        <source>Choose the file your e-reader keeps your highlights in (a Kindle&apos;s My Clippings.txt, a KOReader sidecar or export, a Kobo&apos;s KoboReader.sqlite), or the device&apos;s folder: its annotations are found inside it.</source>
        <translation>Choisissez le fichier où votre liseuse garde vos surlignements (le My Clippings.txt d&apos;une Kindle, un fichier annexe ou un export de KOReader, le KoboReader.sqlite d&apos;une Kobo), ou le dossier de l&apos;appareil : ses annotations y sont trouvées.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="137"/>
        <source>Choose a file…</source>
        <translation>Choisir un fichier…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="140"/>
        <source>Choose a device folder…</source>
        <translation>Choisir le dossier d&apos;une liseuse…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="157"/>
        <source>Choose the e-reader&apos;s folder</source>
        <translation>Choisir le dossier de la liseuse</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="185"/>
        <source>Reading the e-reader&apos;s file…</source>
        <translation>Lecture du fichier de la liseuse…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="186"/>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="201"/>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="170"/>
        <source>Nothing was imported</source>
        <translation>Rien n’a été importé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/highlights_dialog.py" line="200"/>
        <source>Importing highlights…</source>
        <translation>Import des passages surlignés…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="184"/>
        <source>Export notes</source>
        <translation>Exporter les notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="201"/>
        <source>Exported %1 notes to %2</source>
        <translation>Notes exportées vers %2&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="209"/>
        <source>Import notes</source>
        <translation>Importer des notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/transfer_dialogs.py" line="217"/>
        <source>Imported %1 notes (%2 were already there)</source>
        <translation>Notes importées&#xa0;: %1 (déjà présentes&#xa0;: %2)</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="162"/>
        <source>Your library could not be used ({problem}). It was kept as {path}, never deleted, and a fresh, empty library was started.</source>
        <translation>Votre bibliothèque était inutilisable ({problem}). Elle a été conservée sous {path}, sans rien effacer, et une nouvelle bibliothèque vide a été créée.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="168"/>
        <source>Your library was damaged</source>
        <translation>Votre bibliothèque était endommagée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="175"/>
        <source>No good backup was found to restore.</source>
        <translation>Aucune sauvegarde intacte n’a été trouvée pour la restaurer.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="182"/>
        <source>Your newest good backup is from {date}: choose Restore to bring it back.</source>
        <translation>Votre dernière sauvegarde intacte date du {date}&#xa0;: choisissez Restaurer pour la récupérer.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="184"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="195"/>
        <source>Library backed up</source>
        <translation>Bibliothèque sauvegardée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="215"/>
        <source>Automatic backup failed: {reason}</source>
        <translation>Échec de la sauvegarde automatique&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="225"/>
        <source>An interrupted restore</source>
        <translation>Une restauration interrompue</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="300"/>
        <source>Serge Reader is already open</source>
        <translation>Serge Reader est déjà ouvert</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="309"/>
        <source>Serge Reader cannot start</source>
        <translation>Serge Reader ne peut pas démarrer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="117"/>
        <source>Not restored</source>
        <translation>Rien n’a été restauré</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="121"/>
        <source>The backup was restored.</source>
        <translation>La sauvegarde a été restaurée.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="123"/>
        <source>Your library as it was is kept as {path}.</source>
        <translation>Votre bibliothèque telle qu’elle était est conservée sous {path}.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="126"/>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="17"/>
        <source>Qt and PySide6</source>
        <translation>Qt et PySide6</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="29"/>
        <source>About Serge Reader</source>
        <translation>À propos de Serge Reader</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="33"/>
        <source>Serge Reader&apos;s icon</source>
        <translation>Icône de Serge Reader</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="36"/>
        <source>Serge Reader</source>
        <translation>Serge Reader</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="37"/>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="48"/>
        <source>A reading companion for the works of Victor Serge (1890–1947): a reading list, look-up of his works, his life and the people, places and ideas around him, and your own notes, kept on your own computer.</source>
        <translation>Un compagnon de lecture pour l’œuvre de Victor Serge (1890–1947)&#xa0;: une liste de lecture, la consultation de ses œuvres, de sa vie, des personnes, des lieux et des idées qui l’entourent, et vos propres notes, gardées sur votre ordinateur.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="56"/>
        <source>Where the reference content comes from</source>
        <translation>D’où viennent les contenus de référence</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="58"/>
        <source>The entries on the works, the periods of Serge&apos;s life and the glossary are texts written for this program, in its own words. Their facts come from public writings about Victor Serge (encyclopedia articles, essays and reviews) and from standard histories; each entry cites them by author, title, publication and date at its foot, and says under “On the sources” where they disagree; quotations say who wrote them. The program does not contain Serge&apos;s books.</source>
        <translation>Les entrées sur les œuvres, les périodes de la vie de Serge et le glossaire sont des textes écrits pour ce programme, avec ses propres mots. Les faits viennent d’écrits publics sur Victor Serge (articles d’encyclopédie, essais et comptes rendus) et d’histoires de référence&#x202f;; chaque entrée les cite en pied de page par auteur, titre, publication et date, et indique sous «&#xa0;Sur les sources&#xa0;» les points où ils divergent&#x202f;; les citations disent qui les a écrites. Le programme ne contient pas les livres de Serge.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="76"/>
        <source>Licenses</source>
        <translation>Licences</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="78"/>
        <source>Built with Qt {qt} and PySide6 {pyside}.</source>
        <translation>Construit avec Qt {qt} et PySide6 {pyside}.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/about_dialog.py" line="102"/>
        <source>public domain</source>
        <translation>domaine public</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="261"/>
        <source>Something went wrong</source>
        <translation>Une erreur s’est produite</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/app.py" line="262"/>
        <source>Serge Reader hit an unexpected error and carries on; your notes are saved as you type. The details were written to {log}.</source>
        <translation>Serge Reader a rencontré une erreur inattendue et continue&#x202f;; vos notes sont enregistrées au fil de la frappe. Les détails ont été écrits dans {log}.</translation>
    </message>
</context>
<context>
    <name>AutoSync</name>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="257"/>
        <source>Sync folder not chosen</source>
        <translation>Dossier de synchronisation non choisi</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="267"/>
        <source>Sync not stopped</source>
        <translation>Synchronisation non arrêtée</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="67"/>
        <source>Nothing yet</source>
        <translation>Rien pour l’instant</translation>
    </message>
</context>
<context>
    <name>CompactWindow</name>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="38"/>
        <source>Serge Reader — compact</source>
        <translation>Serge Reader — lecture compacte</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="50"/>
        <source>Page of the note</source>
        <translation>Page de la note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="52"/>
        <source>p. </source>
        <translation>p. </translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="55"/>
        <source>Note at this page</source>
        <translation>Note à cette page</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="56"/>
        <source>Note at this page — Enter saves</source>
        <translation>Note à cette page — Entrée pour enregistrer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="58"/>
        <source>Full window</source>
        <translation>Fenêtre complète</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="90"/>
        <source>Notes go to: %1</source>
        <translation>Les notes vont à&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="94"/>
        <source>Notes go to no work</source>
        <translation>Les notes ne sont rattachées à aucune œuvre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/compact_window.py" line="103"/>
        <source>Note not saved</source>
        <translation>Note non enregistrée</translation>
    </message>
</context>
<context>
    <name>CompareVersions</name>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="50"/>
        <source>Compare the two versions</source>
        <translation>Comparer les deux versions</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="54"/>
        <source>Keeping one makes its text the note (on your other computers too) and deletes the other version.</source>
        <translation>Garder l’une fait de son texte la note (sur vos autres ordinateurs aussi) et supprime l’autre version.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="61"/>
        <source>The two versions</source>
        <translation>Les deux versions</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="63"/>
        <source>This version</source>
        <translation>Cette version</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="63"/>
        <source>The other version</source>
        <translation>L’autre version</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="66"/>
        <source>Keep this</source>
        <translation>Garder celle-ci</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/versions_dialog.py" line="70"/>
        <source>Keep the other</source>
        <translation>Garder l’autre</translation>
    </message>
</context>
<context>
    <name>ContextPanel</name>
    <message>
        <location filename="../../serge_reader/ui/context_panel.py" line="49"/>
        <source>Context panel</source>
        <translation>Panneau de consultation</translation>
    </message>
</context>
<context>
    <name>EditionDialog</name>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="30"/>
        <source>Your edition of %1</source>
        <translation>Votre édition de %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="34"/>
        <source>Choose the edition you are reading, or type its number of pages: your page and percentage follow it.</source>
        <translation>Choisissez l’édition que vous lisez, ou tapez son nombre de pages : votre page et votre pourcentage la suivent.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="41"/>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="59"/>
        <source>Edition</source>
        <translation>Édition</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="44"/>
        <source>Another edition</source>
        <translation>Une autre édition</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="47"/>
        <source>Number of pages</source>
        <translation>Nombre de pages</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="60"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="74"/>
        <source>tr. %1</source>
        <translation>trad. %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="79"/>
        <source>%1 pages</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="81"/>
        <source>pages not known</source>
        <translation>nombre de pages inconnu</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/edition_dialog.py" line="94"/>
        <source>Edition not changed</source>
        <translation>Édition inchangée</translation>
    </message>
</context>
<context>
    <name>LookupBox</name>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="116"/>
        <source>Look up</source>
        <translation>Consulter</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="117"/>
        <source>Look up a person, place, term, work or note…  (Ctrl+K)</source>
        <translation>Consulter une personne, un lieu, une notion, une œuvre ou une note…  (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>LookupResults</name>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="19"/>
        <source>Glossary</source>
        <translation>Glossaire</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="20"/>
        <source>Characters</source>
        <translation>Personnages</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="21"/>
        <source>Works</source>
        <translation>Œuvres</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="22"/>
        <source>Life periods</source>
        <translation>Périodes de sa vie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="23"/>
        <source>Your notes</source>
        <translation>Vos notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/lookup.py" line="48"/>
        <source>Look-up results</source>
        <translation>Résultats de la consultation</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="142"/>
        <source>Serge Reader</source>
        <translation>Serge Reader</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="162"/>
        <location filename="../../serge_reader/ui/main_window.py" line="267"/>
        <source>Entry</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="163"/>
        <location filename="../../serge_reader/ui/main_window.py" line="270"/>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="164"/>
        <location filename="../../serge_reader/ui/main_window.py" line="273"/>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="195"/>
        <source>Press P to set your page</source>
        <translation>Appuyez sur P pour indiquer votre page</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="222"/>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="224"/>
        <source>Forward</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="227"/>
        <source>New note</source>
        <translation>Nouvelle note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="229"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="232"/>
        <source>Set the page of the work being read</source>
        <translation>Indiquer la page de l’œuvre en cours</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="238"/>
        <source>Look up…</source>
        <translation>Consulter…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="241"/>
        <source>Find…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="244"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="247"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="251"/>
        <source>&amp;About Serge Reader</source>
        <translation>À &amp;propos de Serge Reader</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="252"/>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="254"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="257"/>
        <source>Export notes…</source>
        <translation>Exporter les notes…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="260"/>
        <source>Import notes…</source>
        <translation>Importer des notes…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="263"/>
        <source>Import from an e-reader…</source>
        <translation>Importer depuis une liseuse…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="278"/>
        <source>Compact reading mode</source>
        <translation>Mode lecture compacte</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="281"/>
        <source>Restore a backup…</source>
        <translation>Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="284"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="294"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="301"/>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="304"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="307"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="316"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="327"/>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="552"/>
        <source>Books</source>
        <translation>Livres</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/main_window.py" line="553"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <location filename="../../serge_reader/ui/note_editor.py" line="88"/>
        <source>Note text</source>
        <translation>Texte de la note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/note_editor.py" line="90"/>
        <source>Write a note in markdown. [[Okhrana]] links to the glossary; #tags work too.</source>
        <translation>Écrivez une note en markdown. [[Okhrana]] renvoie au glossaire&#x202f;; les #étiquettes fonctionnent aussi.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="219"/>
        <location filename="../../serge_reader/ui/notes_panel.py" line="423"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="225"/>
        <source>New note</source>
        <translation>Nouvelle note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="228"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="235"/>
        <source>Which notes</source>
        <translation>Quelles notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="236"/>
        <source>About this entry</source>
        <translation>Sur cette entrée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="237"/>
        <source>All notes</source>
        <translation>Toutes les notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="250"/>
        <source>Search notes</source>
        <translation>Rechercher dans les notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="251"/>
        <source>Search notes…</source>
        <translation>Rechercher dans les notes…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="255"/>
        <source>Filter notes by tag</source>
        <translation>Filtrer les notes par étiquette</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="258"/>
        <source>Filter notes by kind</source>
        <translation>Filtrer les notes par type</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="259"/>
        <source>Notes and quotations</source>
        <translation>Notes et citations</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="260"/>
        <source>My notes</source>
        <translation>Mes notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="261"/>
        <source>Quotations</source>
        <translation>Citations</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="272"/>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="274"/>
        <source>no page</source>
        <translation>sans page</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="275"/>
        <source>p. </source>
        <translation>p. </translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="279"/>
        <source>Kind of note</source>
        <translation>Type de note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="280"/>
        <source>My note</source>
        <translation>Ma note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="281"/>
        <source>Quotation</source>
        <translation>Citation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="285"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="286"/>
        <source>tags, separated by commas</source>
        <translation>étiquettes, séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="291"/>
        <source>Note preview</source>
        <translation>Aperçu de la note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="303"/>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="303"/>
        <source>The two texts side by side</source>
        <translation>Les deux textes côte à côte</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="308"/>
        <source>Keep this</source>
        <translation>Garder celle-ci</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="309"/>
        <source>Keep the text shown here as the note, and delete the other version</source>
        <translation>Garder comme note le texte affiché ici, et supprimer l’autre version</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="314"/>
        <source>Keep the other</source>
        <translation>Garder l’autre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="315"/>
        <source>Keep the other version&apos;s text as the note, and delete the one shown here</source>
        <translation>Garder comme note le texte de l’autre version, et supprimer celui affiché ici</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="401"/>
        <source>This note was deleted elsewhere.</source>
        <translation>Cette note a été supprimée ailleurs.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="407"/>
        <source>Changed elsewhere: showing the new text.</source>
        <translation>Modifiée ailleurs&#xa0;: voici le nouveau texte.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="423"/>
        <source>Notes about this entry</source>
        <translation>Notes sur cette entrée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="440"/>
        <source>Any tag</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="476"/>
        <source>Search all notes</source>
        <translation>Chercher dans toutes les notes</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="479"/>
        <source>No notes about %1 match “%2”.</source>
        <translation>Aucune note sur %1 ne contient « %2 ».</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="486"/>
        <source>No notes match “%1”.</source>
        <translation>Aucune note ne contient « %1 ».</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="488"/>
        <source>A tag or kind filter is on as well.</source>
        <translation>Un filtre par étiquette ou par genre est actif aussi.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="512"/>
        <source>New note — saved as you type</source>
        <translation>Nouvelle note — enregistrée au fil de la frappe</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="543"/>
        <source>Last saved %1</source>
        <translation>Enregistrée le %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="549"/>
        <source>Editing…</source>
        <translation>Modification…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="568"/>
        <source>Note not saved</source>
        <translation>Note non enregistrée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="579"/>
        <source>Not saved — your text is still here</source>
        <translation>Non enregistrée — votre texte est toujours là</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="586"/>
        <source>Saved. It was changed elsewhere too: that version is note %1.</source>
        <translation>Enregistrée. Elle avait aussi été modifiée ailleurs&#xa0;: cette version-là est la note %1.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="591"/>
        <source>Saved %1</source>
        <translation>Enregistrée le %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="626"/>
        <source>Delete note</source>
        <translation>Supprimer la note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="626"/>
        <source>Delete this note? This cannot be undone.</source>
        <translation>Supprimer cette note&#x202f;? Cette action est définitive.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="632"/>
        <source>Note not deleted</source>
        <translation>Note non supprimée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="653"/>
        <source>Another version of this note was kept (saved %1).</source>
        <translation>Une autre version de cette note a été conservée (enregistrée le %1).</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="658"/>
        <source>1 more after it.</source>
        <translation>Et une autre après elle.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="660"/>
        <source>{n} more after it.</source>
        <translation>Et {n} autres après elle.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="664"/>
        <source>This is another version of the note “%1” (saved %2).</source>
        <translation>Ceci est une autre version de la note «&#x202f;%1&#x202f;» (enregistrée le %2).</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="701"/>
        <source>Keep the text shown here as the note, and delete the other version?</source>
        <translation>Garder comme note le texte affiché ici, et supprimer l’autre version&#x202f;?</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="703"/>
        <source>Keep the other version&apos;s text as the note, and delete this one?</source>
        <translation>Garder comme note le texte de l’autre version, et supprimer celui-ci&#x202f;?</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="707"/>
        <source>Keep one version</source>
        <translation>Garder une version</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="708"/>
        <source>This cannot be undone.</source>
        <translation>Cette action est définitive.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="714"/>
        <source>Version not kept</source>
        <translation>Version non conservée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/notes_panel.py" line="723"/>
        <source>Kept. The other version was deleted.</source>
        <translation>Conservée. L’autre version a été supprimée.</translation>
    </message>
</context>
<context>
    <name>ReadingList</name>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="51"/>
        <source>Want to read</source>
        <translation>À lire</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="52"/>
        <source>Reading</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="53"/>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="54"/>
        <source>Abandoned</source>
        <translation>Abandonné</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="241"/>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="245"/>
        <source>p. </source>
        <translation>p. </translation>
    </message>
</context>
<context>
    <name>ReadingListModel</name>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="72"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="73"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="74"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="75"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="118"/>
        <source>Lost</source>
        <translation>Perdu</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="118"/>
        <source>Confiscated</source>
        <translation>Confisqué</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="160"/>
        <source>page %1 of %2</source>
        <translation>page %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="176"/>
        <source>Progress not changed</source>
        <translation>Progression inchangée</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="181"/>
        <source>Nothing undone</source>
        <translation>Rien n’a été annulé</translation>
    </message>
</context>
<context>
    <name>ReadingListPanel</name>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="273"/>
        <source>Reading list</source>
        <translation>Liste de lecture</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="298"/>
        <source>Undo progress change</source>
        <translation>Annuler le changement de progression</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="305"/>
        <source>Filter by status</source>
        <translation>Filtrer par statut</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="306"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="309"/>
        <source>Not tracked</source>
        <translation>Non suivi</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="312"/>
        <source>Filter by genre</source>
        <translation>Filtrer par genre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="313"/>
        <source>All kinds</source>
        <translation>Tous les genres</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="319"/>
        <source>Filter by years</source>
        <translation>Filtrer par années</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="320"/>
        <source>All years</source>
        <translation>Toutes les années</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="323"/>
        <source>After his death</source>
        <translation>Après sa mort</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="325"/>
        <source>%1s</source>
        <comment>a decade, as in 1920s</comment>
        <translation>Années %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="387"/>
        <source>%1: %2, page %3 of %4</source>
        <translation>%1&#xa0;: %2, page %3 sur %4</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="399"/>
        <source>page %1 of %2</source>
        <translation>page %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="401"/>
        <source>page %1</source>
        <translation>page %1</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="417"/>
        <source>Mark as “%1”</source>
        <translation>Marquer comme «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="420"/>
        <source>Set page…</source>
        <translation>Indiquer la page…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/reading_list.py" line="426"/>
        <source>Your edition…</source>
        <translation>Votre édition…</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="40"/>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="43"/>
        <source>Choose a backup to bring back. Your library as it is now is kept aside in the data folder, never deleted.</source>
        <translation>Choisissez la sauvegarde à restaurer. Votre bibliothèque actuelle est mise de côté dans le dossier des données, jamais effacée.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="50"/>
        <source>Backups, newest first</source>
        <translation>Sauvegardes, de la plus récente à la plus ancienne</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="60"/>
        <source>There are no backups yet.</source>
        <translation>Il n’y a pas encore de sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="65"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="89"/>
        <source>cannot be read</source>
        <translation>illisible</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="91"/>
        <source>1 note</source>
        <translation>1 note</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/restore_dialog.py" line="93"/>
        <source>{count} notes</source>
        <translation>{count} notes</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="64"/>
        <source>Settings</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="68"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="70"/>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="88"/>
        <source>Follow the system</source>
        <translation>Celui du système</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="71"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="72"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="78"/>
        <source>Reading font</source>
        <translation>Police de lecture</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="81"/>
        <source>Reading font size</source>
        <translation>Taille de la police de lecture</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="83"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="87"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="92"/>
        <source>The new language applies when Serge Reader starts again.</source>
        <translation>La nouvelle langue s’appliquera au prochain démarrage de Serge Reader.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="99"/>
        <source>Back up the library every</source>
        <translation>Sauvegarder la bibliothèque toutes les</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="101"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="102"/>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="104"/>
        <source>A checked copy of your library goes into backups/ in the data folder.</source>
        <translation>Une copie vérifiée de votre bibliothèque est placée dans backups/, dans le dossier des données.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="109"/>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="114"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="116"/>
        <source>Open the data folder</source>
        <translation>Ouvrir le dossier des données</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="119"/>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="121"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="122"/>
        <source>Reading &amp;font:</source>
        <translation>&amp;Police de lecture&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="123"/>
        <source>Font &amp;size:</source>
        <translation>Ta&amp;ille&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="124"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="127"/>
        <source>Your library</source>
        <translation>Votre bibliothèque</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="129"/>
        <source>&amp;Back up every:</source>
        <translation>&amp;Sauvegarder toutes les&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/settings_dialog.py" line="133"/>
        <source>&amp;Data folder:</source>
        <translation>&amp;Dossier des données&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../serge_reader/ui/shortcuts_help.py" line="60"/>
        <location filename="../../serge_reader/ui/shortcuts_help.py" line="64"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/shortcuts_help.py" line="65"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/shortcuts_help.py" line="65"/>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="114"/>
        <source>Pages read per week</source>
        <translation>Pages lues par semaine</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="116"/>
        <source>The pages you read each week, over the last twelve weeks, will appear here. To start, choose the work you are reading in the reading list and press P to set your page as you go.</source>
        <translation>Les pages lues chaque semaine, sur les douze dernières semaines, apparaîtront ici. Pour commencer, choisissez l’œuvre que vous lisez dans la liste de lecture et appuyez sur P pour indiquer votre page au fil de la lecture.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="123"/>
        <source>Works finished per year</source>
        <translation>Œuvres terminées par an</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="125"/>
        <source>Each work you finish will appear here, counted by the year you finished it. When you reach a work&apos;s last page, or mark it “Finished” from its menu in the reading list, it is counted.</source>
        <translation>Chaque œuvre terminée apparaîtra ici, comptée à l’année où vous l’avez finie. Elle est comptée quand vous atteignez sa dernière page, ou la marquez « Terminé » depuis son menu dans la liste de lecture.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="156"/>
        <source>Current streak: &lt;b&gt;1 day&lt;/b&gt;</source>
        <translation>Série en cours&#xa0;: &lt;b&gt;1 jour&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="158"/>
        <source>Current streak: &lt;b&gt;%1 days&lt;/b&gt;</source>
        <translation>Série en cours&#xa0;: &lt;b&gt;%1 jours&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="163"/>
        <source>This week: &lt;b&gt;1 page&lt;/b&gt;</source>
        <translation>Cette semaine&#xa0;: &lt;b&gt;1 page&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="165"/>
        <source>This week: &lt;b&gt;%1 pages&lt;/b&gt;</source>
        <translation>Cette semaine&#xa0;: &lt;b&gt;%1 pages&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="175"/>
        <source>no recent pace yet</source>
        <translation>pas encore de rythme récent</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/statistics_view.py" line="178"/>
        <source>%1: page %2 of %3 — finish by %4</source>
        <translation>%1&#xa0;: page %2 sur %3 — fin prévue le %4</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="294"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="297"/>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="300"/>
        <location filename="../../serge_reader/ui/sync_view.py" line="373"/>
        <source>Show conflict versions</source>
        <translation>Afficher les versions en conflit</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="303"/>
        <source>Sync settings…</source>
        <translation>Réglages de synchronisation…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="329"/>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="331"/>
        <source>Sync failed</source>
        <translation>Échec de la synchronisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="333"/>
        <source>Synced {time}</source>
        <translation>Synchronisé à {time}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="335"/>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="338"/>
        <source>1 change to send</source>
        <translation>1 modification à envoyer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="340"/>
        <source>{n} changes to send</source>
        <translation>{n} modifications à envoyer</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="344"/>
        <source>1 conflict</source>
        <translation>1 conflit</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="346"/>
        <source>{n} conflicts</source>
        <translation>{n} conflits</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="363"/>
        <source>A note changed on two devices before they synced keeps both texts: the other one is a note tagged &apos;conflict&apos;. Open either to compare them and keep one.</source>
        <translation>Une note modifiée sur deux appareils avant leur synchronisation garde les deux textes : l’autre est une note étiquetée « conflict ». Ouvrez l’une ou l’autre pour les comparer et en garder une.</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="371"/>
        <source>Show the conflict versions ({n})</source>
        <translation>Afficher les versions en conflit ({n})</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="349"/>
        <source>Sync folder: {folder}</source>
        <translation>Dossier de synchronisation : {folder}</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="355"/>
        <source>Last sync: sent {sent}, received {received}</source>
        <translation>Dernière synchronisation : {sent} envoyées, {received} reçues</translation>
    </message>
</context>
<context>
    <name>SyncSettings</name>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="383"/>
        <source>Sync with your other computers</source>
        <translation>Synchroniser avec vos autres ordinateurs</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="387"/>
        <source>Sync folder</source>
        <translation>Dossier de synchronisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="389"/>
        <source>Not syncing</source>
        <translation>Pas de synchronisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="390"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="392"/>
        <location filename="../../serge_reader/ui/sync_view.py" line="424"/>
        <source>Choose the sync folder</source>
        <translation>Choisir le dossier de synchronisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="394"/>
        <source>S&amp;top syncing</source>
        <translation>&amp;Arrêter la synchronisation</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/sync_view.py" line="399"/>
        <source>Choose a folder that Syncthing, Nextcloud, Dropbox or iCloud Drive already carries between your computers, the same on each. Your library itself stays here: only your notes and progress are written there, and no conflicted copies are made.</source>
        <translation>Choisissez un dossier que Syncthing, Nextcloud, Dropbox ou iCloud Drive transporte déjà entre vos ordinateurs, le même sur chacun. Votre bibliothèque elle-même reste ici : seules vos notes et votre progression y sont écrites, et aucune copie en conflit n’est créée.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="192"/>
        <source>Timeline of Serge&apos;s life and works</source>
        <translation>Chronologie de la vie et de l’œuvre de Serge</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="246"/>
        <source>Where the novels are set</source>
        <translation>Où se passent les romans</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="267"/>
        <source>not tracked</source>
        <translation>non suivi</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="268"/>
        <source>want to read</source>
        <translation>à lire</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="269"/>
        <source>reading</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="270"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../../serge_reader/ui/timeline_view.py" line="271"/>
        <source>abandoned</source>
        <translation>abandonné</translation>
    </message>
</context>
</TS>
