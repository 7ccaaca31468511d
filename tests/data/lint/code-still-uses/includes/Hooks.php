<?php
/* The updater's entries roll schema changes out: they are not uses. */
namespace MediaWiki\Extension\Widgets;

class Hooks {
	public function onLoadExtensionSchemaUpdates( $updater ) {
		$dir = dirname( __DIR__ ) . '/schema';
		$updater->dropExtensionField( 'widget', 'wd_legacy', "$dir/patch-widget-drop-wd_legacy.sql" );
		$updater->addExtensionUpdate( [ 'dropField', 'widget', 'wd_name', "$dir/patch-drop-wd_name.sql" ] );
		$updater->dropExtensionTable( 'widget_log', "$dir/patch-drop-widget_log.sql" );
	}

	public static function guarded( $db ) {
		// compatibility code that checks first is fine
		if ( $db->fieldExists( 'widget', 'wd_legacy', __METHOD__ ) ) {
			return self::wd_legacy . WidgetStore::class;
		}
		$wd_legacy = $db->wd_legacy( 'wd_legacy_flag' );
		return $wd_legacy;
	}

	public static function log( $db ) {
		$db->newInsertQueryBuilder()
			->insertInto( 'widget_log' )
			->row( [ 'wl_widget' => 1, 'wl_timestamp' => $db->timestamp() ] )
			->caller( __METHOD__ )->execute();
		wfDebug( 'widget_log-summary: moving rows from widget_log' );
	}
}
