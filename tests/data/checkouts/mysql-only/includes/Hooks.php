<?php
class MyxHooks {
	public static function onLoadExtensionSchemaUpdates( $updater ) {
		if ( $updater->getDB()->getType() !== 'mysql' ) {
			return;
		}
		$updater->addExtensionTable( 'myx', dirname( __DIR__ ) . '/sql/tables-generated.sql' );
	}
}
