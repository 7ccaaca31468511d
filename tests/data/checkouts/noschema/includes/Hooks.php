<?php
class PlainHooks {
	public static function onLoadExtensionSchemaUpdates( $updater ) {
		$updater->dropExtensionTable( 'plain_old' );
	}
}
